using Mint.Verification.Bundle;
using Mint.Verification.Contract;
using Mint.Verification.Evidence;
using Mint.Verification.Runbooks;
using Mint.Verification.SelfTests.Evidence;
using Mint.Verification.Testing;

namespace Mint.Verification.SelfTests.StopBlocks;

/// <summary>A downtime measured through the automatic rollback reaches the change record saying so (issue 18, 5; engine-free).</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class RestoredDowntimeRecordTests
{
    [Test]
    public void TheChangeRecordSaysTheRollbackRestoredTheService()
    {
        var results = EvidenceSamples.TemporaryDirectory("restored");
        try
        {
            var at = new DateTimeOffset(2026, 12, 3, 4, 51, 22, 317, TimeSpan.Zero);
            var restored = CutoverDowntime.Restored(new Outage("files-api", TimeSpan.FromSeconds(41.2), 300, 200, at), rolledBack: true);
            var figure = new DowntimeFigure("files-api", 41.2, restored, WindowSeconds: 120);
            EvidenceSamples.WriteRow(new AllureResultsWriter(results, EvidenceSamples.ChangeId), "Downtime", "Cutover", EvidenceSamples.Passing("Downtime", figure));

            var (markdown, _) = ChangeRecord.Render(ChangePack.Read(ChangeRecordTests.ChangePackPath), ResultSet.Read(results), DateTimeOffset.UtcNow);

            Assert.That(markdown, Does.Contain("files-api 41.2 s (window 120 s), restored by the automatic rollback at 2026-12-03T04:51:22.317Z"));
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }
}
