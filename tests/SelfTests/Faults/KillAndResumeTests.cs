using Mint.Verification.Faults;
using Mint.Verification.Remote;
using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// Interrupted runs converge (issue 10): the operator's Cutover or Rollback command is killed
/// (SIGKILL, the whole process group) while a step runs, then the same command is run again; it
/// must end in the state of an uninterrupted run, every row passing, with no seed lost and the
/// downtime still measured. Kills during Cutover 2, 4, (between 4 and) 5, 6, 8 and Rollback 1, 4, chained so that each
/// resumed run is the next phase's starting state; the world ends in its before state.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[NonParallelizable]
public sealed class KillAndResumeTests
{
    /// <summary>Long enough into a step for it to have acted (a stop, a compose up), short of its end.</summary>
    private static readonly (string Stage, string Step, TimeSpan Delay)[] Phases =
    [
        ("Cutover", "Cutover-2", TimeSpan.FromSeconds(0.5)),
        ("Rollback", "Rollback-1", TimeSpan.FromSeconds(1)),
        ("Cutover", "Cutover-4", TimeSpan.FromSeconds(0.3)),
        ("Rollback", "Rollback-4", TimeSpan.FromSeconds(0.2)),
        // Issue 10's acceptance: killed between Cutover-4 and Cutover-5, the resumed run still reports a downtime figure.
        ("Cutover", "Cutover-5", TimeSpan.Zero),
        ("Cutover", "Cutover-6", TimeSpan.FromSeconds(1.5)),
        ("Cutover", "Cutover-8", TimeSpan.FromSeconds(0.2)),
    ];

    [Test]
    public async Task KilledRunsConvergeWhenRunAgain()
    {
        using var exclusive = await RunbookContext.ExclusiveAsync(RunbookBounds.LockWait);
        var target = await MatrixRun.Current.RehearsalHostTargetAsync();
        using var host = await SshDockerHost.ConnectAsync(target.Ssh!);
        var results = Directory.CreateTempSubdirectory("mint-kill-resume-").FullName;
        var runs = new InterruptedRun(results);
        try
        {
            foreach (var (stage, step, delay) in Phases)
            {
                if (step is "Cutover-6" or "Cutover-8")
                {
                    // The phase before ended cut over; this one needs the old stacks back first.
                    await ExpectGreenAsync(runs, "Rollback");
                }

                if (stage == "Cutover")
                {
                    // As the operator runs Pre before the cutover: the rollback before recreated the old containers.
                    await PreGateSnapshot.RecordAsync(host, target, results);
                }

                var seedsBefore = await SeedCountAsync(host);
                var killed = await runs.KillAsync(stage, step, delay);
                Assert.That(killed.Stdout, Does.Contain("[interrupted-run] SIGKILL"), $"the run never reached {step}:{Environment.NewLine}{killed.Transcript()}");
                Assert.That(killed.Stdout, Does.Not.Contain($"{step,-15} done"), $"the kill came after {step} ended; it must land during the step:{Environment.NewLine}{killed.Stdout}");
                var survivors = await host.RunAsync("true");
                Assert.That(survivors.Succeeded, Is.True, "the host world must still answer after the kill");

                var resumed = await ExpectGreenAsync(runs, stage);
                var seedsAfter = await SeedCountAsync(host);
                var downtime = resumed.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("Downtime   downtime", StringComparison.Ordinal))?.Trim();
                var outcome = FaultCatalogue.Converged(
                    $"{stage} killed (SIGKILL, whole process group) {delay.TotalSeconds:0.0} s into {step}, then the same command run again",
                    InterruptedRun.SummaryRows(resumed),
                    $"seeds {seedsBefore} -> {seedsAfter}{(downtime is null ? string.Empty : $"; {downtime}")}", MatrixRun.ResultsDirectory);
                Assert.That(outcome.Detected, Is.True, outcome.ToString());
                Assert.That(seedsAfter, Is.GreaterThanOrEqualTo(seedsBefore), "no seed may be lost by an interrupted run");
                if (stage == "Cutover")
                {
                    Assert.That(downtime, Does.Contain("downtime files-api").And.Contain("downtime quote-page"), "the resumed run must report a downtime figure:" + Environment.NewLine + resumed);
                }
            }
        }
        finally
        {
            // The world's before state for the next fault test: old stacks serving.
            await ExpectGreenAsync(runs, "Rollback");
            Directory.Delete(results, recursive: true);
        }

        var pre8 = await HostChecks.OldContainersHealthyAsync("Pre-8", host);
        Assert.That(pre8.Problems, Is.Empty, "the world is not back in its before state: " + pre8.Describe());
    }

    private static async Task<string> ExpectGreenAsync(InterruptedRun runs, string stage)
    {
        var run = await runs.CompleteAsync(stage);
        var rows = InterruptedRun.SummaryRows(run.Stdout);
        Assert.That(run.ExitCode == 0 && rows.Count > 0 && rows.All(r => r.Passed), Is.True, $"`{stage}` run again must pass every row ({run.Outcome}):{Environment.NewLine}{run.Stdout}");
        return run.Stdout;
    }

    private static async Task<int> SeedCountAsync(SshDockerHost host)
    {
        var count = await host.RunAsync(PostgresAccess.PsqlCommand(MatrixRun.Current.Settings, "SELECT count(*) FROM artwork_seeds"));
        Assert.That(count.Succeeded, Is.True, "counting the seeds: " + count.Transcript());
        return int.Parse(count.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
