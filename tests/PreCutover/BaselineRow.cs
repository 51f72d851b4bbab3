using Mint.Verification.Checks.Soak;

namespace Mint.Verification.PreCutover;

/// <summary>
/// Not a change-pack row: the old stack's health latency, sampled a few times per module and
/// recorded in the night (soak-baseline.json) as the baseline the soak after go-live holds its
/// latency against. Alone, after the other rows: measured beside the ops tools and the snapshot on
/// a busy host it would be their latency too, and the soak's limit would grow with it.
/// </summary>
[TestFixture]
[Category("Pre")]
[NonParallelizable]
public sealed class BaselineRow
{
    [Test]
    [MatrixRow(BaselineSampling.Row)]
    [Description("Baseline of the old stack's health latency for the soak (soak-baseline.json in the night: p50/p95 per module; not a change-pack row)")]
    public async Task Baseline_OldStackHealthLatencyRecorded() =>
        RowAssert.Passed(await BaselineSampling.RunAsync(await MatrixRun.Current.HostTargetAsync(), MatrixRun.Current.Http, MatrixRun.Current.Settings.ChangeId, MatrixRun.ResultsDirectory));
}
