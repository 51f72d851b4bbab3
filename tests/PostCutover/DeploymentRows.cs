namespace Mint.Verification.PostCutover;

/// <summary>Post-4 and the migration row: docker and Postgres on the host after the cutover.</summary>
[TestFixture]
[Category("Post")]
public sealed class DeploymentRows
{
    [Test]
    [MatrixRow("Post-4")]
    [Description("Container status: docker ps -> all 3 healthy, image tag 0ce4de6 (digests as recorded, ports as the IP map)")]
    public async Task Post4_ContainersHealthyOnExpectedImages() =>
        RowAssert.Passed(await DeploymentChecks.UnifiedContainersAsync("Post-4", await MatrixRun.SshHostAsync(), MatrixRun.Settings, await MatrixRun.ExpectedDigestsAsync()));

    [Test]
    [MatrixRow("Migration")]
    [Description("Database migration: ALTER TABLE artwork_seeds ADD COLUMN metadata jsonb DEFAULT NULL (existing rows NULL)")]
    public async Task Migration_MetadataColumnIsJsonbDefaultNull() =>
        RowAssert.Passed(await DeploymentChecks.MetadataColumnAsync("Migration", await MatrixRun.SshHostAsync(), MatrixRun.Settings, await MatrixRun.MigratedAtAsync()));
}
