using Mint.Verification.Checks.Readiness;

namespace Mint.Verification.PreCutover;

/// <summary>
/// Ready-1..6: the readiness gate added by the matrix beside the change pack's Pre-1..8. Each row
/// proves, read-only, one fact the cutover or the rollback relies on after downtime starts. The
/// rows come from <see cref="ReadinessRows.All"/>, the same table the cutover runs before step 1.
/// </summary>
[TestFixture]
[Category("Pre")]
public sealed class ReadinessRowTests
{
    [TestCaseSource(nameof(Rows))]
    public async Task Ready(string id) =>
        RowAssert.Passed(await ReadinessRows.Get(id).RunAsync(await MatrixRun.Current.ReadinessAsync()));

    private static IEnumerable<TestCaseData> Rows() =>
        ReadinessRows.All.Select(row => new TestCaseData(row.Id)
            .SetName($"{row.Id.Replace("-", string.Empty, StringComparison.Ordinal)}_{Slug(row.Assumption)}")
            .SetDescription($"{row.Assumption}: {row.Method}")
            .SetProperty("Row", row.Id));

    private static string Slug(string text) =>
        string.Concat(text.Split(' ', '-', '/', '.', ',').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..])).Replace("'", string.Empty, StringComparison.Ordinal);
}
