using Mint.Verification.Remote;
using Mint.Verification.Runbooks;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// The cutover's health gate against a broken release: images that never become healthy make the
/// runbook stop at step 6 or 7, roll back on its own, say so, and leave the old stacks serving
/// (Pre-7 and Pre-8 pass again). Runs on the shared host world under its own tag, so the target
/// images of the other tests are untouched; the world is back in its before state afterwards.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[NonParallelizable]
public sealed class CutoverFaultTests
{
    [Test]
    public async Task UnhealthyReleaseRollsBackAutomatically()
    {
        var settings = MatrixRun.Settings with
        {
            Images = MatrixRun.Settings.Images with { ExpectedTag = "fault-unhealthy" },
            Deploy = MatrixRun.Settings.Deploy with { BuildArgs = [.. MatrixRun.Settings.Deploy.BuildArgs, "MODULE_GENERATION=fault-not-a-generation"] },
            StartupTimeout = TimeSpan.FromSeconds(30),
        };
        var target = await MatrixRun.HostTargetAsync();
        using var exclusive = await RunbookContext.ExclusiveAsync(TimeSpan.FromMinutes(15));
        using var host = await SshDockerHost.ConnectAsync(target.Ssh!);

        var run = await CutoverRunbook.RunAsync(new RunbookContext(settings, target, host), "fault test");

        var failed = run.Steps.Single(s => s.Status == StepStatus.Failed);
        TestContext.Out.WriteLine($"{failed.Id}: {failed.Message}");
        Assert.Multiple(async () =>
        {
            Assert.That(failed.Id, Is.AnyOf("Cutover-6", "Cutover-7"), failed.Message);
            Assert.That(failed.Message, Does.Contain("rolled back automatically"), failed.Message);
            Assert.That(run.Steps.SkipWhile(s => s != failed).Skip(1).Select(s => s.Status), Is.All.EqualTo(StepStatus.NotReached));
            Assert.That(run.Steps.TakeWhile(s => s != failed).Select(s => s.Status), Is.All.AnyOf(StepStatus.Done, StepStatus.AlreadyDone));
            var pre8 = await HostChecks.OldContainersHealthyAsync("Pre-8", host);
            Assert.That(pre8.Problems, Is.Empty, pre8.Describe());
            var pre7 = await HostChecks.ExternalNetworksPresentAsync("Pre-7", host);
            Assert.That(pre7.Problems, Is.Empty, pre7.Describe());
        });
    }
}
