using Mint.Verification.Bundle;
using Mint.Verification.Checks.Readiness;
using Mint.Verification.Checks.Rows;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>
/// The stage tables are the change pack's rows, word for word and in its order: Pre-N is the Nth row
/// of its Pre-Cutover matrix, Post-N of its Post-Cutover matrix; the rows the matrix adds say so.
/// The tests, the fault stages and the change record all take their rows from these tables.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class StageRowTableTests
{
    private static ChangePack Pack => ChangePack.Read(ChangeRecordTests.ChangePackPath);

    [Test]
    public void PreRowsAreThePreMatrixOfTheChangePack() => ExpectSame("Pre", PreRows.All, Pack.PreMatrix);

    [Test]
    public void PostRowsAreThePostMatrixOfTheChangePack() => ExpectSame("Post", PostRows.All, Pack.PostMatrix);

    [Test]
    public void EveryRowIdAndTestNameIsUsedOnce()
    {
        var ids = PreRows.All.Select(r => r.Id).Concat(PostRows.All.Select(r => r.Id)).Concat(ReadinessRows.All.Select(r => r.Id)).ToList();
        var names = PreRows.All.Concat(PostRows.All).Select(r => r.TestName).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.Unique, "row ids");
            Assert.That(names, Is.Unique, "test names");
            Assert.That(PreRows.All.Concat(PostRows.All).Where(r => !r.TestName.StartsWith(r.Id.Replace("-", string.Empty, StringComparison.Ordinal) + "_", StringComparison.Ordinal)).Select(r => r.Id), Is.Empty, "a test's name starts with its row id");
        });
    }

    private static void ExpectSame(string stage, IReadOnlyList<StageRow> rows, MarkdownTable table)
    {
        var fromPack = table.Rows.Select((cells, index) => $"{stage}-{index + 1} | {table.Cell(cells, "Check")} | {Plain(table.Cell(cells, "Method"))} | {Plain(table.Cell(cells, "Result"))}");
        var fromTable = rows.Where(r => !r.AddedByMatrix).Select(r => $"{r.Id} | {r.Check} | {r.Method} | {r.Expected}");
        Assert.That(fromTable, Is.EqualTo(fromPack), $"the {stage} table must be the change pack's {stage} matrix, in order");
    }

    private static string Plain(string cell) => cell.Replace("`", string.Empty, StringComparison.Ordinal).Trim();
}
