using Mint.Verification.Checks.Rows;

namespace Mint.Verification.PostCutover;

/// <summary>
/// Post-1..9 (the change pack's Post-Cutover matrix), Post-9b and Migration. Each test is one row
/// of <see cref="PostRows.All"/>, the table the fault stages run too. Post-7 makes the run's one
/// marked intake (the only state the Post matrix creates); Post-8 reads that seed back and fails,
/// naming Post-7, when there is none. Health rows ask a degraded answer again (HealthCheck).
/// </summary>
[TestFixture]
[Category("Post")]
public sealed class PostRowTests
{
    [TestCaseSource(nameof(Rows))]
    public async Task Post(string id) =>
        RowAssert.Passed(await PostRows.All.Single(row => row.Id == id).RunAsync(MatrixRun.Current));

    private static IEnumerable<TestCaseData> Rows() => StageRowCases.Of(PostRows.All);
}
