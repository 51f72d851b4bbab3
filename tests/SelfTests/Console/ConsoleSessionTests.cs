using FluentAssertions;
using Mint.Verification.ConsoleLogger;
using Mint.Verification.Contract;
using Mint.Verification.Operator;

namespace Mint.Verification.SelfTests.Console;

/// <summary>The operator's console as the logger draws it from the marked lines and the platform's results.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class ConsoleSessionTests
{
    [Test]
    public void OnlyMarkedLinesArePrintedAndABannerOnce()
    {
        var (session, output) = New();

        session.Message(ConsoleProtocol.Marker + "banner ==== MINT ====");
        session.Message(ConsoleProtocol.Marker + "banner ==== MINT ====");
        session.Message("[testcontainers.org] Connected to Docker");
        session.Message(ConsoleProtocol.Marker + "line   Cutover-3  start  build");

        output.ToString().Should().Be($"==== MINT ===={Environment.NewLine}  Cutover-3  start  build{Environment.NewLine}");
    }

    [Test]
    public void ARowWithItsOwnLineIsNotPrintedAgainButCountsInTheSummary()
    {
        var (session, output) = New();

        session.Message(ConsoleProtocol.Marker + "row T.Pre5\tPASS\t  Pre-5  PASS  host key pinned");
        session.Result(new ResultLine("T.Pre5", "Pre5_Ssh", "Pre-5", Verdict.Pass, string.Empty, TimeSpan.Zero));
        session.Complete(RunEnd.Clean);

        var text = output.ToString();
        text.Split("host key pinned").Should().HaveCount(2, "the row's line once, not again from its result");
        text.Should().Contain("1 row(s): 1 PASS").And.Contain("Pre5_Ssh");
    }

    [Test]
    public void AfterAStopEveryFailedRowIsOneNotRunLine()
    {
        var (session, output) = New();

        session.Message(ConsoleProtocol.Marker + "stop Cutover-4\tSTOPPED at Cutover-4: compose down failed\n  target now: partly stopped\n  next: rollback");
        session.Message(ConsoleProtocol.Marker + "stop Cutover-4\tSTOPPED at Cutover-4: compose down failed\n  target now: partly stopped\n  next: rollback");
        session.Result(new ResultLine("T.Cutover5", "Cutover5", "Cutover-5", Verdict.Fail, "NotReached: Cutover-4 failed first\n   at Stack.Trace()", TimeSpan.Zero));
        session.Complete(RunEnd.Clean);

        var text = output.ToString();
        text.Split("STOPPED at Cutover-4").Should().HaveCount(2, "the stop block is printed once");
        text.Should().Contain("Cutover-5       NOT RUN      stopped at Cutover-4").And.NotContain("Stack.Trace").And.Contain("stopped at Cutover-4 ─");
    }

    [Test]
    public void TheSameFailureTwiceIsPrintedOnceThenSaidToBeTheSame()
    {
        var (session, output) = New();

        session.Result(new ResultLine("T.A", "A", "Post-1", Verdict.Fail, "cannot reach http://127.0.0.1:1/health", TimeSpan.Zero));
        session.Result(new ResultLine("T.B", "B", "Post-2", Verdict.Fail, "cannot reach http://127.0.0.1:1/health", TimeSpan.Zero));

        output.ToString().Should().Contain("Post-1          FAIL         cannot reach http://127.0.0.1:1/health").And.Contain("Post-2          FAIL         same message as above");
    }

    [Test]
    public void AFailedRowShowsItsProblemNotItsHeading()
    {
        var (session, output) = New();

        session.Result(new ResultLine("T.Post1", "Post1", "Post-1", Verdict.Fail, "Post-1 files-api health: FAIL\n  - files-api health field 'db' is \"error\"\n  observed: HTTP 503", TimeSpan.Zero));

        output.ToString().Should().Contain("Post-1          FAIL         files-api health field 'db' is \"error\"").And.NotContain("health: FAIL");
    }

    [TestCase(Microsoft.VisualStudio.TestPlatform.ObjectModel.TestOutcome.None, "PLANNED (DryRun), not run: Cutover-4", Verdict.Planned)]
    [TestCase(Microsoft.VisualStudio.TestPlatform.ObjectModel.TestOutcome.None, "something else", Verdict.Inconclusive)]
    [TestCase(Microsoft.VisualStudio.TestPlatform.ObjectModel.TestOutcome.Skipped, "", Verdict.Skipped)]
    [TestCase(Microsoft.VisualStudio.TestPlatform.ObjectModel.TestOutcome.Failed, "x", Verdict.Fail)]
    public void VerdictsNeverCallAPlanAPass(Microsoft.VisualStudio.TestPlatform.ObjectModel.TestOutcome outcome, string message, Verdict verdict) =>
        ResultLine.VerdictOf(outcome, message).Should().Be(verdict);

    [Test]
    public void TheSummaryOrdersRowsTheWayTheChangePackNumbersThem()
    {
        var rows = new[] { "Post-10", "Post-9b", "Post-2", "Migration", "Post-9" };

        rows.Order(RowOrder.Instance).Should().Equal("Migration", "Post-2", "Post-9", "Post-9b", "Post-10");
    }

    private static (ConsoleSession Session, StringWriter Output) New()
    {
        var output = new StringWriter();
        return (new ConsoleSession(output), output);
    }
}
