using Mint.Verification.Checks.Snapshot;
using Mint.Verification.Evidence;

namespace Mint.Verification.PreCutover;

/// <summary>
/// Not a gate row: a read-only snapshot of the docker-host's layout (host-snapshot.json in the
/// night's evidence), so a reviewer and the operator see what the real host looks like, names only.
/// </summary>
[TestFixture]
[Category("Pre")]
public sealed class SnapshotRow
{
    [Test]
    [MatrixRow("Snapshot")]
    [Description("Snapshot of docker-host's layout into the night's evidence (host-snapshot.json; names only, never values)")]
    public async Task Snapshot_HostLayoutRecorded() =>
        RowAssert.Passed(await HostSnapshot.TakeAsync(await MatrixRun.Current.ReadinessAsync(), MatrixRun.ResultsDirectory));
}
