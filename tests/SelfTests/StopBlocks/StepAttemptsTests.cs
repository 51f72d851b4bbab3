using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;

namespace Mint.Verification.SelfTests.StopBlocks;

/// <summary>A step is run again only after a lost and regained connection, at most three attempts, and its lines say which attempt (engine-free).</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class StepAttemptsTests
{
    [Test]
    public void OnlyAFailureWithAReconnectRunsAgainAndNeverAFourthTime()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StepAttempts.RunAgain(StepStatus.Failed, reconnectsBefore: 0, reconnectsAfter: 1, attempt: 1), Is.True);
            Assert.That(StepAttempts.RunAgain(StepStatus.Failed, reconnectsBefore: 1, reconnectsAfter: 2, attempt: 2), Is.True);
            Assert.That(StepAttempts.RunAgain(StepStatus.Failed, reconnectsBefore: 2, reconnectsAfter: 3, attempt: 3), Is.False, "three attempts in all");
            Assert.That(StepAttempts.RunAgain(StepStatus.Failed, reconnectsBefore: 1, reconnectsAfter: 1, attempt: 1), Is.False, "a failure on a connection that held is not retried");
            Assert.That(StepAttempts.RunAgain(StepStatus.Done, reconnectsBefore: 0, reconnectsAfter: 1, attempt: 1), Is.False, "a step that succeeded despite a reconnect is done");
        });
    }

    [Test]
    public void TheLinesOfALaterAttemptSayConnectionLostFirst()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StepAttempts.EndText("done", 1), Is.Empty, "a first attempt's line is as before");
            Assert.That(StepAttempts.EndText("starting the unified stack failed", 1), Is.EqualTo("starting the unified stack failed"));
            Assert.That(StepAttempts.EndText("done", 2), Is.EqualTo("connection lost, reconnected, attempt 2 of 3"));
            Assert.That(StepAttempts.EndText("already done: files-api runs", 3), Is.EqualTo("connection lost, reconnected, attempt 3 of 3; already done: files-api runs"));
            Assert.That(StepAttempts.LostText("starting the unified stack failed", 1), Does.StartWith("connection lost, reconnected: running the step again (attempt 2 of 3)"));
        });
    }
}
