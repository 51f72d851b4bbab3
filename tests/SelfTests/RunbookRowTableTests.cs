using Mint.Verification.Bundle;
using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;

namespace Mint.Verification.SelfTests;

/// <summary>
/// The Cutover and Rollback rows are the runbooks' steps: the test cases tests/Runbooks runs
/// (<see cref="RunbookRowCases"/>) are the steps each runbook runs, same ids, names and order, so
/// adding a step adds its row. The step words are the change pack's (Cutover Sequence, Rollback Map).
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class RunbookRowTableTests
{
    private static ChangePack Pack => ChangePack.Read(Evidence.ChangeRecordTests.ChangePackPath);

    [Test]
    public void CutoverCasesAreTheCutoverRunbooksSteps() =>
        ExpectSame(RunbookRowCases.Cutover(), CutoverRunbook.Steps("marker").Select(step => step.Row));

    [Test]
    public void RollbackCasesAreTheRollbackRunbooksSteps() =>
        ExpectSame(RunbookRowCases.Rollback(), RollbackRunbook.Steps().Select(step => step.Row));

    [Test]
    public void RollbackVerifyCasesAreTheRollbacksProofsKeyedByTheirIds() =>
        Assert.Multiple(() =>
        {
            ExpectSame(RunbookRowCases.RollbackProofs(), RollbackRunbook.Proofs);
            Assert.That(RollbackRunbook.Proofs.Select(p => p.MatrixRow), Is.All.EqualTo("Rollback-Verify"), "every proof reports under the row Rollback-Verify");
            Assert.That(RollbackRunbook.Proofs.Select(p => p.Id), Is.Unique, "a proof is found by its id");
        });

    [Test]
    public void CutoverStepsAreTheChangePacksSequenceWithTheCanaryAfterStep3()
    {
        var rows = CutoverRunbook.Rows.Where(row => row.Id != "Cutover-3b").ToList();
        var fromPack = Pack.CutoverSequence.Select((words, index) => $"Cutover-{index + 1} | {Plain(words).Replace("→", "->", StringComparison.Ordinal)}");
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(row => $"{row.Id} | {row.Words}"), Is.EqualTo(fromPack), "the cutover's rows are the change pack's Cutover Sequence, in order");
            Assert.That(CutoverRunbook.Rows.Select(row => row.Id).ToList().IndexOf("Cutover-3b"), Is.EqualTo(3), "the matrix's canary start runs right after step 3");
        });
    }

    [Test]
    public void RollbackStepsAreTheChangePacksRollbackMap()
    {
        var map = Pack.RollbackMap;
        var fromPack = map.Rows.Select((cells, index) => $"Rollback-{index + 1} | {map.Cell(cells, "Service")}");
        Assert.That(RollbackRunbook.Rows.Select(row => $"{row.Id} | {row.Words.Split(':')[0]}"), Is.EqualTo(fromPack), "one rollback row per line of the change pack's Rollback Map, in order, named by its service");
    }

    [Test]
    public void EveryRunbookRowIdAndTestNameIsUsedOnce()
    {
        var rows = CutoverRunbook.Rows.Concat(RollbackRunbook.Rows).Concat(RollbackRunbook.Proofs).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(row => row.Id), Is.Unique, "row ids");
            Assert.That(rows.Select(row => row.TestName), Is.Unique, "test names (a test finds its row by its name)");
            Assert.That(rows.Where(row => !row.TestName.StartsWith(row.MatrixRow.Replace("-", string.Empty, StringComparison.Ordinal) + "_", StringComparison.Ordinal)).Select(row => row.Id), Is.Empty, "a test's name starts with its row");
        });
    }

    private static void ExpectSame(IEnumerable<TestCaseData> cases, IEnumerable<RunbookRow> rows)
    {
        var fromCases = cases.Select(c => $"{c.Properties.Get("Row")} | {c.TestName} | {c.Properties.Get("Description")} | {c.Arguments.Length} argument(s)");
        var fromRows = rows.Select(row => $"{row.MatrixRow} | {row.TestName} | {row.Words} | 0 argument(s)");
        Assert.That(fromCases, Is.EqualTo(fromRows), "the test cases must be the runbook's rows, in step order");
    }

    private static string Plain(string words) => words.Replace("`", string.Empty, StringComparison.Ordinal).Trim();
}
