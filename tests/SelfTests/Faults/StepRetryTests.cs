using System.Diagnostics;
using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;
using Mint.Verification.Settings;
using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// A runbook step whose SSH sessions are dropped mid-command runs again from its "already done"
/// check and its report says which attempt (issue 18, 3). The step is the test's own, harmless:
/// it leaves a marker file, then sleeps; the marker makes the second attempt "already done".
/// </summary>
[TestFixture]
[Category("SelfTest")]
[NonParallelizable]
public sealed class StepRetryTests
{
    [Test]
    public async Task AStepLostWithTheConnectionRunsAgainAndSaysSo()
    {
        var target = await MatrixRun.Current.RehearsalHostTargetAsync();
        using var host = await HostWorldSsh.ConnectAsync();
        var marker = $"mint-retry-probe-{Guid.NewGuid():N}";
        var step = new MarkerStep(marker);
        try
        {
            var running = RunbookRunner.RunStepAsync(step, new RunbookContext(MatrixRun.Current.Settings, target, host, MatrixRun.ResultsDirectory));
            await step.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1));
            await DropSessionsAsync();
            var report = await running;

            Assert.Multiple(() =>
            {
                Assert.That(report.Status, Is.EqualTo(StepStatus.AlreadyDone), $"{report.Status}: {report.Message}");
                Assert.That(report.Observations, Has.Some.StartsWith("connection lost, reconnected, attempt 2 of 3"), string.Join("; ", report.Observations));
            });
        }
        finally
        {
            await host.RunAsync($"rm -f ~/{marker}");
        }
    }

    /// <summary>Every SSH session of the user is dropped from inside the host, as a network cut would.</summary>
    private static async Task DropSessionsAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("docker", ["exec", HostWorldNames.DockerHost, "pkill", "-f", "docker-host@"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await kill.WaitForExitAsync();
    }

    private sealed class MarkerStep(string marker) : RunbookStep(new RunbookRow("Retry-1", "Retry1_MarkerStep", "leave a marker, then wait"), "leave a marker, then wait")
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task<string?> AlreadyDoneAsync(RunbookContext context) =>
            (await context.RemoteAsync($"test -e ~/{marker}")).Succeeded ? $"~/{marker} exists" : null;

        public override async Task ExecuteAsync(RunbookContext context)
        {
            await context.RemoteCheckedAsync($"touch ~/{marker}", "leaving the marker");
            Started.TrySetResult();
            await context.RemoteCheckedAsync("sleep 20", "waiting", TimeSpan.FromSeconds(30));
        }

        public override IEnumerable<string> Plan(VerificationSettings settings) => [$"touch ~/{marker}; sleep 20"];
    }
}
