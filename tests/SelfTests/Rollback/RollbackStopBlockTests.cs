using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Rollback;

/// <summary>The rollback's stop block lists every service's state as its row left it, then the metadata column's.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class RollbackStopBlockTests
{
    [Test]
    public void EveryServiceIsListedWhenOnlyTheReverseMigrationFailed()
    {
        var run = new RunbookRun("rollback",
        [
            Step("Rollback-1", StepStatus.Done, "files-api: restored, degraded: HTTP 503 {\"db\":\"error\"}"),
            Step("Rollback-2", StepStatus.Done, "quote-page: restored, healthy (from ~/quote-page)"),
            Step("Rollback-3", StepStatus.Done, "order-intake: removed"),
            Step("Rollback-4", StepStatus.Failed, null),
        ]);

        var (state, next) = StopAdvice.ForRollback(Rehearsal(), run);

        Assert.That(state, Is.EqualTo("files-api: restored, degraded: HTTP 503 {\"db\":\"error\"}; quote-page: restored, healthy (from ~/quote-page); order-intake: removed; metadata column: still there (Rollback-4 did not run through)"));
        Assert.That(next, Does.Contain("--filter Category=Rollback"));
    }

    [Test]
    public void AStillDownServiceAndARowThatDidNotRunAreNamed()
    {
        var run = new RunbookRun("rollback",
        [
            Step("Rollback-1", StepStatus.Failed, "files-api: still down: the container is exited (health 'unhealthy')"),
            Step("Rollback-2", StepStatus.AlreadyDone, "quote-page: runs healthy from ~/quote-page"),
            Step("Rollback-3", StepStatus.Failed, null),
            Step("Rollback-4", StepStatus.NotReached, null),
        ]);

        var (state, _) = StopAdvice.ForRollback(Rehearsal(), run);

        Assert.That(state, Does.StartWith("files-api: still down").And.Contain("quote-page: runs healthy").And.Contain("Rollback-3: failed").And.EndWith("metadata column: still there (Rollback-4 did not run through)"));
    }

    private static StepReport Step(string id, StepStatus status, string? service) =>
        new(id, id) { Status = status, Message = status.ToString(), ServiceState = service };

    private static VerificationSettings Rehearsal() =>
        SettingsReader.Read(RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("rehearsal.runsettings")), _ => null);
}
