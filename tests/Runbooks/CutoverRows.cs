using Mint.Verification.Operator;
using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;

namespace Mint.Verification.Runbooks.Tests;

/// <summary>
/// The cutover sequence, one row per step of <see cref="CutoverRunbook.Steps"/> (its id, test name
/// and the change pack's words). The steps run once, in order, on first use; each row reports its
/// own step (done, already done, planned, failed, or not reached because an earlier step failed).
/// Against production it needs MINT_CONFIRM=cutover:&lt;change id&gt;, or DryRun=true for the plan.
/// </summary>
[TestFixture]
[Category("Cutover")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Structure", "NUnit1029:TestCaseSource parameter count", Justification = "RunbookRowCases builds cases without arguments (each test finds its row by name); the analyzer takes every TestCaseData to carry some.")]
public sealed class CutoverRows
{
    [TestCaseSource(typeof(RunbookRowCases), nameof(RunbookRowCases.Cutover))]
    public async Task Cutover()
    {
        var run = await MatrixRun.Current.Runbooks.CutoverAsync();
        RowAssert.Step(run.Step(RunbookRowCases.Current(CutoverRunbook.Rows).Id));
    }

    [Test]
    [MatrixRow("Downtime")]
    [Description("Downtime window: ~2 min (stop old containers, start new compose)")]
    public async Task Downtime_LongestOutageWithinWindow()
    {
        var run = await MatrixRun.Current.Runbooks.CutoverAsync();
        if (run.Steps.All(s => s.Status == StepStatus.Planned))
        {
            RowAssert.Planned(run.Downtime!, "downtime", run.Downtime!.Observations);
        }

        var figures = run.Downtime!.Observations.Where(o => o.StartsWith("downtime ", StringComparison.Ordinal)).ToList();
        OperatorConsole.Figure($"Downtime   {(figures.Count > 0 ? string.Join("; ", figures) : "not measured")} (DowntimeWindowSeconds={MatrixRun.Current.Settings.DowntimeWindow.TotalSeconds:0})");
        RowAssert.Passed(run.Downtime!);
    }
}
