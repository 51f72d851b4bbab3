using Mint.Verification.Checks.Rows;

namespace Mint.Verification.PreCutover;

/// <summary>
/// Pre-1..8 (the change pack's Pre-Cutover matrix): the ops gates from the operator's repositories
/// and the docker-host over SSH, read-only. Each test is one row of <see cref="PreRows.All"/>, the
/// table the fault stages run too.
/// </summary>
[TestFixture]
[Category("Pre")]
public sealed class PreRowTests
{
    [TestCaseSource(nameof(Rows))]
    public async Task Pre(string id) =>
        RowAssert.Passed(await PreRows.All.Single(row => row.Id == id).RunAsync(MatrixRun.Current));

    private static IEnumerable<TestCaseData> Rows() => StageRowCases.Of(PreRows.All);
}
