using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.StopBlocks;

/// <summary>
/// The cutover's stop block from step reports and a fresh host read: never "unchanged" while the
/// old stacks are down, the automatic rollback's outcome named, a failed journal write named, and
/// the next command following from the state (engine-free).
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class TargetNowTests
{
    private const string Key = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    [Test]
    public void AFailureAtStepFiveRestoredByTheRollbackSaysSoAndAdvisesPre()
    {
        var run = Cutover(failedAt: 5, Rollback(("Rollback-1", StepStatus.Done), ("Rollback-2", StepStatus.Done)), HostModulesSamples.OldServing);

        var (state, next) = StopAdvice.ForCutover(Production(), run, run.Step("Cutover-5"));

        Assert.That(state, Does.Contain("this run stopped at Cutover-5 after Cutover-4, Cutover-5 acted")
            .And.Contain("rolled back automatically (Rollback-1 done, Rollback-2 done)")
            .And.Contain("now: old stacks serving (files-api old (~/artwork-module) running healthy"));
        Assert.That(next, Does.StartWith("find the cause").And.Contain("--filter Category=Pre").And.Not.Contain("Category=Rollback"));
    }

    [Test]
    public void ARollbackThatDidNotCompleteNamesWhatIsDownAndTheRollbackCommand()
    {
        var run = Cutover(failedAt: 7, Rollback(("Rollback-1", StepStatus.Done), ("Rollback-2", StepStatus.Failed), ("Rollback-3", StepStatus.Done)), HostModulesSamples.QuotePageDown);

        var (state, next) = StopAdvice.ForCutover(Production(), run, run.Step("Cutover-7"));

        Assert.That(state, Does.Contain("automatic rollback did NOT complete (Rollback-2 failed").And.Contain("DOWN: quote-page not serving"));
        Assert.That(next, Does.Contain("MINT_CONFIRM=rollback:").And.Contain("--filter Category=Rollback"));
    }

    [Test]
    public void AJournalNotWrittenIsNamedAndFixedBeforeTheNextRun()
    {
        var run = Cutover(failedAt: 7, Rollback(("Rollback-1", StepStatus.Done), ("Rollback-2", StepStatus.Done), ("Rollback-3", StepStatus.Done)), HostModulesSamples.OldServing, journalNotWritten: "forgetting the cutover's facts: Permission denied");

        var (state, next) = StopAdvice.ForCutover(Production(), run, run.Step("Cutover-7"));

        Assert.That(state, Does.Contain("rolled back automatically").And.Contain("journal NOT written: forgetting the cutover's facts: Permission denied"));
        Assert.That(next, Does.Contain("writable again").And.Contain("--filter Category=Pre"));
    }

    [Test]
    public void AFailureAtStepEightLeavesTheUnifiedStackAndPrintsTheExactRollback()
    {
        var settings = Production();
        var run = Cutover(failedAt: 8, rollback: null, HostModulesSamples.UnifiedServing);

        var (state, next) = StopAdvice.ForCutover(settings, run, run.Step("Cutover-8"));

        Assert.That(state, Does.Contain("now: unified stack serving").And.Not.Contain("rolled back"));
        Assert.That(next, Does.Contain($"MINT_CONFIRM=rollback:{settings.ChangeId} dotnet test tests/Runbooks -v q --filter Category=Rollback --settings runsettings/production.runsettings"));
        Assert.That(CutoverRunbook.StateAfterFailure("Cutover-8", settings), Does.Contain("unified stack serves").And.Contain($"MINT_CONFIRM=rollback:{settings.ChangeId}"));
    }

    [Test]
    public void AFailureBeforeStepFourWithTheOldStacksDownAdvisesTheRollbackNotARetry()
    {
        // A resumed run (steps 4-5 done by an earlier one) that failed at step 1: nothing serves.
        var run = Cutover(failedAt: 1, rollback: null, HostModulesSamples.OldStopped);

        var (state, next) = StopAdvice.ForCutover(Production(), run, run.Step("Cutover-1"));

        Assert.That(state, Does.Contain("before any step that stops or starts a container acted").And.Contain("DOWN: files-api and quote-page not serving"));
        Assert.That(next, Does.Contain("--filter Category=Rollback"));
    }

    [Test]
    public void AnAbortedRunbookSaysWhatRunsNotUnchanged()
    {
        Assert.That(TargetNow.Aborted(HostModulesSamples.OldStopped), Does.Contain("DOWN: files-api and quote-page").And.Not.Contain("unchanged"));
        Assert.That(TargetNow.Aborted(null), Does.Contain("did not reach the host"));
    }

    [Test]
    public void TheRollbackStepsFollowWhatTheStepsReached()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AutomaticRollback.StepsFor(Cutover(failedAt: 4, null, null).Steps), Is.EqualTo(new[] { "Rollback-1" }));
            Assert.That(AutomaticRollback.StepsFor(Cutover(failedAt: 5, null, null).Steps), Is.EqualTo(new[] { "Rollback-1", "Rollback-2" }));
            Assert.That(AutomaticRollback.StepsFor(Cutover(failedAt: 7, null, null).Steps), Is.EqualTo(new[] { "Rollback-1", "Rollback-2", "Rollback-3" }));
            Assert.That(AutomaticRollback.Applies("Cutover-3") || AutomaticRollback.Applies("Cutover-8"), Is.False, "only steps 4-7 roll back on their own");
            Assert.That(AutomaticRollback.Applies("Cutover-4") && AutomaticRollback.Applies("Cutover-7"), Is.True);
        });
    }

    [Test]
    public void AResumedRunRestoresWhatAnEarlierRunStopped()
    {
        var steps = Cutover(failedAt: 6, null, null).Steps.ToList();
        steps[3].Status = StepStatus.AlreadyDone;
        steps[4].Status = StepStatus.AlreadyDone;

        Assert.That(AutomaticRollback.StepsFor(steps), Is.EqualTo(new[] { "Rollback-1", "Rollback-2", "Rollback-3" }));
    }

    [Test]
    public void TheHostReadTellsOldUnifiedAndAbsentApart()
    {
        var mixed = HostModules.Parse("/files-api|running|unhealthy|/home/u/mint-modules-prod\n\nError: No such container: order-intake\n/quote-page|exited|healthy|/home/u/quote-page\n", cutoverBegun: null);
        var noEngine = HostModules.FromOutput("\nCannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n", cutoverBegun: null, "docker-host@10.0.0.9");

        Assert.Multiple(() =>
        {
            Assert.That(HostModulesSamples.OldServing.OldStacksServing, Is.True);
            Assert.That(HostModulesSamples.UnifiedServing.UnifiedServing, Is.True);
            Assert.That(mixed.Describe(), Is.EqualTo("DOWN: files-api and quote-page not serving (files-api unified (~/mint-modules-prod) running unhealthy, order-intake absent, quote-page old (~/quote-page) exited)"));
            Assert.That(HostModules.Parse(string.Empty, null).Modules.Select(m => m.Status), Is.All.EqualTo("unknown"), "no answer is not 'absent'");
            Assert.That(HostModules.NotRead("ssh lost").Describe(), Is.EqualTo("not read (ssh lost)"));
            Assert.That(noEngine.Describe(), Is.EqualTo("not read (`docker container inspect` on docker-host@10.0.0.9 told of no module container: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?)"), "an engine that does not answer is not a host where nothing runs");
            Assert.That(HostModules.FromOutput("Error response from daemon: No such container: files-api\nError response from daemon: No such container: order-intake\nError response from daemon: No such container: quote-page\n", null, "h").Describe(), Does.StartWith("DOWN: files-api and quote-page not serving (files-api absent"), "three missing containers are read as absent");
        });
    }

    [Test]
    public void TheDowntimeFigureSaysTheRollbackRestoredIt()
    {
        var at = new DateTimeOffset(2026, 12, 3, 4, 51, 22, 317, TimeSpan.Zero);

        Assert.Multiple(() =>
        {
            Assert.That(CutoverDowntime.Restored(new Outage("files-api", TimeSpan.FromSeconds(40), 200, 180, at), rolledBack: true), Is.EqualTo(", restored by the automatic rollback at 2026-12-03T04:51:22.317Z"));
            Assert.That(CutoverDowntime.Restored(new Outage("files-api", TimeSpan.FromSeconds(40), 200, 180, null, DownAtEnd: true), rolledBack: true), Does.StartWith(", NOT restored"));
            Assert.That(CutoverDowntime.Restored(new Outage("files-api", TimeSpan.FromSeconds(4), 200, 18, at), rolledBack: false), Is.Empty);
        });
    }

    /// <summary>Reports of a cutover that failed at one step: the steps before it done, after it not reached.</summary>
    private static RunbookRun Cutover(int failedAt, RunbookRun? rollback, HostModules? now, string? journalNotWritten = null) =>
        new("cutover", [.. Enumerable.Range(1, 9).Select(n => new StepReport($"Cutover-{n}", $"step {n}")
        {
            Status = n < failedAt ? StepStatus.Done : n == failedAt ? StepStatus.Failed : StepStatus.NotReached,
            Message = n == failedAt ? "it failed" : "done",
        })])
        {
            AutomaticRollback = rollback,
            HostNow = now,
            JournalNotWritten = journalNotWritten is null ? [] : [journalNotWritten],
        };

    private static RunbookRun Rollback(params (string Id, StepStatus Status)[] steps) =>
        new("automatic rollback", [.. steps.Select(s => new StepReport(s.Id, s.Id) { Status = s.Status, Message = s.Status == StepStatus.Failed ? "files-api answered 503" : "done" })]);

    private static VerificationSettings Production() =>
        SettingsReader.Read(RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("production.runsettings")), name => name == OperatorVariables.HostKey ? Key : null);
}
