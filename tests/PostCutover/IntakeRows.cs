namespace Mint.Verification.PostCutover;

/// <summary>
/// Post-7 and Post-8: one marked intake per run (the only state the Post matrix creates), then the
/// same seed read back from files-api. Post-8 fails, naming Post-7, when there is no seed to read.
/// </summary>
[TestFixture]
[Category("Post")]
public sealed class IntakeRows
{
    [Test]
    [MatrixRow("Post-7")]
    [Description("End-to-end intake: POST :3400/api/v1/intake -> seed created with metadata, has_line_item=true")]
    public async Task Post7_IntakeCreatesSeedWithMetadata()
    {
        var intake = await MatrixRun.IntakeAsync("Post-7");
        RowAssert.Passed(intake.Result);
    }

    [Test]
    [MatrixRow("Post-8")]
    [Description("Seed in artwork: GET :3500/api/v1/seeds/:id -> metadata populated correctly")]
    public async Task Post8_SeedInArtworkHasNormalisedMetadata()
    {
        var target = await MatrixRun.TargetAsync();
        var intake = await MatrixRun.IntakeAsync("Post-7");
        RowAssert.Passed(await IntakeChecks.ReadSeedAsync("Post-8", target, MatrixRun.Http, intake));
    }
}
