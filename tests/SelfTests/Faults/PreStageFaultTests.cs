using Mint.Verification.Checks.Readiness;
using Mint.Verification.Faults;
using Mint.Verification.Remote;
using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// The fault catalogue for the Pre matrix: each fault is injected into the host world (or a copy
/// of an operator repository), the whole Pre stage runs, and exactly the rows that depend on the
/// broken part must fail, naming it. World faults are undone before the next test.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[NonParallelizable]
public sealed class PreStageFaultTests
{
    /// <summary>Every row that needs the SSH session: a refused connection fails all of them.</summary>
    private static readonly string[] HostRows = ["Pre-5", "Pre-6", "Pre-7", "Pre-8", .. ReadinessRows.All.Where(r => !r.Local).Select(r => r.Id)];

    [Test]
    public async Task ChangedHostKey() =>
        await Expect("SSH host key changed", HostRows, "presented host key", ssh: (await Ssh()) with { PinnedHostKeySha256 = "SHA256:" + new string('A', 43) });

    [Test]
    public async Task WrongUserKey() =>
        await Expect("wrong SSH user key", HostRows, "refused the user key", ssh: (await Ssh()) with { PrivateKeyPem = SshKeyPair.Generate("intruder").PrivateKeyPem });

    [Test]
    public async Task EngineBelowMinimum() =>
        await Expect("Docker engine older than MinimumDockerVersion (raised to 99.0)", ["Pre-6"], "MinimumDockerVersion", settings: MatrixRun.Current.Settings with { MinimumDockerVersion = new Version(99, 0) });

    [Test]
    public async Task SpineDrift()
    {
        using var scratch = new ScratchRepositories();
        var ops = scratch.CopyOf("fixtures/ops", "ops");
        Directory.Delete(Path.Combine(ops, "loops"), recursive: true);
        await Expect("ops repository drifted (loops/ removed)", ["Pre-1"], "DRIFT GATE: FAIL", tools: ScratchRepositories.Tools(ops: ops));
    }

    [Test]
    public async Task OpenGap()
    {
        using var scratch = new ScratchRepositories();
        var ops = scratch.CopyOf("fixtures/ops", "ops");
        await File.WriteAllTextAsync(Path.Combine(ops, "gaps", "GAP-OP-999.md"), "---\nid: GAP-OP-999\nstatus: open\nloop:\n---\n# Rehearsal fault: an open gap\n");
        await Expect("an open gap in the ops repository", ["Pre-2"], "open gap", tools: ScratchRepositories.Tools(ops: ops));
    }

    [Test]
    public async Task UngovernedProject()
    {
        using var scratch = new ScratchRepositories();
        var modules = scratch.CopyOf("fixtures/modules", "modules");
        File.Delete(Path.Combine(modules, "README.md"));
        await Expect("modules repository not governed (README removed)", ["Pre-3"], "DRIFT", tools: ScratchRepositories.Tools(authorityPath: modules));
    }

    [Test]
    public async Task PromotePreflightFails()
    {
        using var scratch = new ScratchRepositories();
        var modules = scratch.CopyOf("fixtures/modules", "modules");
        var example = Path.Combine(modules, ".env.prod.example");
        await File.WriteAllLinesAsync(example, (await File.ReadAllLinesAsync(example)).Where(l => !l.StartsWith("ORDER_INTAKE_API_KEY=", StringComparison.Ordinal)));
        await Expect("promote dry-run preflight fails (env key missing)", ["Pre-4"], "env-keys", tools: ScratchRepositories.Tools(modules: modules));
    }

    [Test]
    public async Task ExternalNetworkMissing()
    {
        using var host = await SshDockerHost.ConnectAsync(await Ssh());
        var attached = (await host.RunAsync($"docker network inspect --format '{{{{range .Containers}}}}{{{{.Name}}}} {{{{end}}}}' {HostWorldNames.StorageNetwork}")).Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(c => c.Length > 0).ToList();
        try
        {
            await Run(host, string.Join(" && ", attached.Select(c => $"docker network disconnect {HostWorldNames.StorageNetwork} {c}").Append($"docker network rm {HostWorldNames.StorageNetwork}")));
            await Expect("external network storage-network missing", ["Pre-7"], "storage-network");
        }
        finally
        {
            // Put the network back exactly as the world made it, with the aliases the modules use.
            // Each part tolerates the state a half-done injection may have left.
            var reconnect = attached.Select(c => $"{{ docker network connect --alias {(c == HostWorldNames.S3 ? HostWorldNames.S3Alias : c)} {HostWorldNames.StorageNetwork} {c} 2>/dev/null || true; }}");
            await Run(host, string.Join(" ; ", reconnect.Prepend($"{{ docker network inspect {HostWorldNames.StorageNetwork} >/dev/null 2>&1 || docker network create --label {ModuleWorld.WorldLabel}=host {HostWorldNames.StorageNetwork}; }}")));
        }
    }

    [Test]
    public async Task OldContainerStopped()
    {
        using var host = await SshDockerHost.ConnectAsync(await Ssh());
        await Run(host, "docker stop quote-page");
        try
        {
            await Expect("old quote-page container stopped", ["Pre-8"], "quote-page");
        }
        finally
        {
            await Run(host, "cd ~/quote-page && docker compose up -d --wait --wait-timeout 60");
        }
    }

    internal static async Task<SshTarget> Ssh() => (await MatrixRun.Current.HostWorldAsync()).Ssh(MatrixRun.Current.Settings);

    internal static async Task Run(SshDockerHost host, string command)
    {
        var result = await host.RunAsync(command, TimeSpan.FromSeconds(90));
        Assert.That(result.Succeeded, Is.True, "fault injection or repair failed: " + result.Transcript());
    }

    internal static async Task Expect(string fault, string[] rows, string cause, SshTarget? ssh = null, Settings.VerificationSettings? settings = null, OpsTool? tools = null, Targets.TargetUnderTest? target = null)
    {
        var stage = await Stages.PreAsync(ssh ?? await Ssh(), settings ?? MatrixRun.Current.Settings, tools ?? MatrixRun.Current.Tools, target ?? await MatrixRun.Current.RehearsalHostTargetAsync());
        var outcome = FaultCatalogue.Judge(fault, rows, stage, cause, MatrixRun.ResultsDirectory);
        Assert.That(outcome.Detected, Is.True, $"{outcome}{Environment.NewLine}{string.Join(Environment.NewLine, stage.Where(r => !r.Passed).Select(r => r.Describe()))}");
    }
}
