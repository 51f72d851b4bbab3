using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// Pre-1..4 against broken copies of the operator's repositories: each stand-in reports the
/// failure through its real output and exit code, and the row fails quoting that verdict.
/// </summary>
[TestFixture]
[Category("SelfTest")]
public sealed class OpsFaultTests
{
    private string scratch = string.Empty;

    [SetUp]
    public void MakeScratch() => scratch = Directory.CreateTempSubdirectory("mint-ops-fault-").FullName;

    [TearDown]
    public void RemoveScratch() => Directory.Delete(scratch, recursive: true);

    [Test]
    public async Task SpineDriftFailsPre1WithTheFailingGate()
    {
        var ops = CopyOf("fixtures/ops", "ops");
        Directory.Delete(Path.Combine(ops, "loops"), recursive: true);

        var result = await OpsChecks.SpineVerifyAsync("Pre-1", Tools(ops: ops));

        Assert.That(result.Problems, Has.Some.Contains("DRIFT GATE: FAIL").And.Contains("D1"), result.Describe());
    }

    [Test]
    public async Task OpenGapFailsPre2WithTheCount()
    {
        var ops = CopyOf("fixtures/ops", "ops");
        await File.WriteAllTextAsync(Path.Combine(ops, "gaps", "GAP-OP-999.md"), "---\nid: GAP-OP-999\nstatus: open\nloop:\n---\n# Rehearsal fault: an open gap\n");

        var result = await OpsChecks.StatusBriefAsync("Pre-2", Tools(ops: ops));

        Assert.That(result.Problems, Has.Some.Contains("1 open gap(s) (1 unlinked)"), result.Describe());
    }

    [Test]
    public async Task UngovernedProjectFailsPre3WithDrift()
    {
        var project = Path.Combine(scratch, "bare-project");
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, "README.md"), "# a project without compose, env example or release script\n");

        var result = await OpsChecks.AuthorityStatusAsync("Pre-3", Tools(authorityPath: project));

        Assert.That(result.Problems, Has.Some.Contains("says DRIFT"), result.Describe());
    }

    [Test]
    public async Task MissingProjectStopsPre3()
    {
        var result = await OpsChecks.AuthorityStatusAsync("Pre-3", Tools(authorityPath: Path.Combine(scratch, "no-such-project")));

        Assert.That(result.Problems, Has.Some.Contains("STOP:"), result.Describe());
    }

    [Test]
    public async Task EnvKeyMissingFailsPre4Preflight()
    {
        var modules = CopyOf("fixtures/modules", "modules");
        var example = Path.Combine(modules, ".env.prod.example");
        var kept = (await File.ReadAllLinesAsync(example)).Where(line => !line.StartsWith("ORDER_INTAKE_API_KEY=", StringComparison.Ordinal));
        await File.WriteAllLinesAsync(example, kept);

        var result = await OpsChecks.PromoteDryRunAsync("Pre-4", Tools(modules: modules));

        Assert.That(result.Problems, Has.Some.Contains("FAIL env-keys").And.Contains("ORDER_INTAKE_API_KEY"), result.Describe());
    }

    [Test]
    public async Task ToolThatPrintsNothingUsefulFailsPre1()
    {
        var ops = Path.Combine(scratch, "silent-ops");
        Directory.CreateDirectory(Path.Combine(ops, "bin"));
        var script = Path.Combine(ops, "bin", "ops");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho 'something unexpected'\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = await OpsChecks.SpineVerifyAsync("Pre-1", Tools(ops: ops));

        Assert.That(result.Problems, Has.Some.Contains("printed no 'DRIFT GATE"), result.Describe());
    }

    private static OpsTool Tools(string? ops = null, string? modules = null, string? authorityPath = null)
    {
        var tools = MatrixRun.Settings.Tools;
        return new OpsTool(tools with
        {
            OpsRepository = ops ?? tools.OpsRepository,
            ModulesRepository = modules ?? tools.ModulesRepository,
            AuthorityRepoPath = authorityPath ?? tools.AuthorityRepoPath,
        });
    }

    /// <summary>A copy of a repository folder without build output, to break without touching the real one.</summary>
    private string CopyOf(string repositoryPath, string name)
    {
        var source = RepositoryRoot.Resolve(repositoryPath);
        var target = Path.Combine(scratch, name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "publish" or "receipts") && !relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
            File.SetUnixFileMode(Path.Combine(target, relative), File.GetUnixFileMode(file));
        }

        return target;
    }
}
