namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// Pre-1..4 against what the operator's tools may do besides drift (which PreStageFaultTests
/// catalogues): a project path that does not exist, and a tool that prints something unexpected.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class OpsFaultTests
{
    private ScratchRepositories scratch = null!;

    private string Scratch => scratch.Root;

    [SetUp]
    public void MakeScratch() => scratch = new ScratchRepositories();

    [TearDown]
    public void RemoveScratch() => scratch.Dispose();

    private static OpsTool Tools(string? ops = null, string? modules = null, string? authorityPath = null) =>
        ScratchRepositories.Tools(ops, modules, authorityPath);

    private string CopyOf(string repositoryPath, string name) => scratch.CopyOf(repositoryPath, name);

    [Test]
    public async Task MissingProjectStopsPre3()
    {
        var result = await OpsChecks.AuthorityStatusAsync("Pre-3", Tools(authorityPath: Path.Combine(Scratch, "no-such-project")));

        Assert.That(result.Problems, Has.Some.Contains("STOP:"), result.Describe());
    }

    [Test]
    public async Task ToolThatPrintsNothingUsefulFailsPre1()
    {
        var ops = Path.Combine(Scratch, "silent-ops");
        Directory.CreateDirectory(Path.Combine(ops, "bin"));
        var script = Path.Combine(ops, "bin", "ops");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho 'something unexpected'\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = await OpsChecks.SpineVerifyAsync("Pre-1", Tools(ops: ops));

        Assert.That(result.Problems, Has.Some.Contains("printed no 'DRIFT GATE"), result.Describe());
    }
}
