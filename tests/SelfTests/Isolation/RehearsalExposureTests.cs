using Mint.Verification.Checks.Readiness;
using Mint.Verification.Modules;
using Mint.Verification.Remote;
using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;
using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests.Isolation;

/// <summary>
/// The rehearsal publishes on loopback only: the host world's containers, the stand-in old stacks
/// (127.0.0.1) and the unified stack a rehearsed cutover deploys (127.0.0.1 and the Tailscale
/// stand-in, TailscaleHost 127.0.0.2). Read from the engine itself (`docker ps`), so a publisher the
/// compose tests do not know of is caught too. Leaves the world in its before state.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Description("Issue 17 item 9: the rehearsal binds loopback only")]
[NonParallelizable]
public sealed class RehearsalExposureTests
{
    private const string Loopback = "127.0.0.1";

    [Test]
    public async Task NoRehearsalContainerPublishesBeyondLoopbackBeforeOrAfterTheCutover()
    {
        using var exclusive = await RunbookContext.ExclusiveAsync(TimeSpan.FromMinutes(15));
        var target = await MatrixRun.Current.RehearsalHostTargetAsync();
        var layout = (await MatrixRun.Current.HostWorldAsync()).State.Layout ?? HostLayout.Default;
        using var host = await SshDockerHost.ConnectAsync(target.Ssh!);
        var projects = layout.OldStacks.Select(s => s.Project)
            .Append(TwinRelease.ProjectOf(await File.ReadAllTextAsync(ReleaseLayout.ComposeFile(MatrixRun.Current.Settings))) ?? DeployLayout.UnifiedDirectory)
            .ToHashSet(StringComparer.Ordinal);
        var before = await PublishersAsync(host, projects);

        await Faults.PreGateSnapshot.RecordAsync(host, target);
        var cutover = await CutoverRunbook.RunAsync(new RunbookContext(Faults.FaultSettings.ShortDwell, target, host, MatrixRun.ResultsDirectory), "rehearsal exposure");
        try
        {
            var after = await PublishersAsync(host, projects);
            Assert.Multiple(() =>
            {
                Assert.That(cutover.Steps.Select(s => s.Status), Is.All.AnyOf(StepStatus.Done, StepStatus.AlreadyDone), "the rehearsed cutover did not complete: " + string.Join("; ", cutover.Steps.Select(s => $"{s.Id} {s.Status} {s.Message}")));
                Assert.That(before.Where(Exposed), Is.Empty, "before the cutover, published beyond loopback");
                Assert.That(after.Where(Exposed), Is.Empty, "after the cutover, published beyond loopback");
                Assert.That(after, Has.Some.Contains($"{Loopback}:{ModuleCatalogue.OrderIntake.Port(MatrixRun.Current.Settings)}->"), "the unified stack's order-intake is not among the publishers: the listing cannot be judged");
                Assert.That(after, Has.Some.Contains($"{MatrixRun.Current.Settings.TailscaleHost}:{ModuleCatalogue.OrderIntake.Port(MatrixRun.Current.Settings)}->"), "the unified stack does not publish on the Tailscale stand-in (TailscaleHost): the Access row would fail");
            });
        }
        finally
        {
            var rollback = await RollbackRunbook.RunAsync(new RunbookContext(MatrixRun.Current.Settings, target, host, MatrixRun.ResultsDirectory));
            Assert.That(rollback.Steps.Select(s => s.Status), Is.All.AnyOf(StepStatus.Done, StepStatus.AlreadyDone), "restoring the before state: " + string.Join("; ", rollback.Steps.Select(s => $"{s.Id} {s.Status} {s.Message}")));
        }
    }

    /// <summary>"name: binding" for every port binding of the world's containers and the rehearsal's compose projects.</summary>
    private static async Task<List<string>> PublishersAsync(SshDockerHost host, IReadOnlySet<string> projects)
    {
        var listing = await host.RunAsync("docker ps --format '{{.Names}}\t{{.Label \"mint.verification.world\"}}\t{{.Label \"com.docker.compose.project\"}}\t{{.Ports}}'");
        Assert.That(listing.Succeeded, Is.True, "cannot list the engine's containers: " + listing.Transcript());
        return [.. listing.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 4 && (fields[1].Length > 0 || projects.Contains(fields[2])))
            .SelectMany(fields => fields[3].Split(", ", StringSplitOptions.RemoveEmptyEntries).Where(binding => binding.Contains("->", StringComparison.Ordinal)).Select(binding => $"{fields[0]}: {binding}"))];
    }

    /// <summary>A binding on any address outside 127.0.0.0/8 ("0.0.0.0:3500->3500/tcp", "[::]:3500->3500/tcp").</summary>
    private static bool Exposed(string publisher) => !publisher.Split(": ", 2)[1].StartsWith("127.", StringComparison.Ordinal);
}
