namespace Mint.Verification.PostCutover;

/// <summary>Post-9: the staging integration smoke, 6/6 + 2 skipped without the key or 8/8 with it.</summary>
[TestFixture]
[Category("Post")]
public sealed class SmokeRow
{
    [Test]
    [MatrixRow("Post-9")]
    [Description("Smoke script: staging-integration-smoke.sh -> 6/6 passed (2 skipped - no API key)")]
    public async Task Post9_SmokeChecksPass()
    {
        var target = await MatrixRun.TargetAsync();
        var (result, _) = await SmokeCheck.RunAsync("Post-9", target, MatrixRun.Http, MatrixRun.Marker);
        RowAssert.Passed(result);
    }
}
