namespace Mint.Verification.PostCutover;

/// <summary>Post-1..3: each module's /health answers 200 with every field "ok".</summary>
[TestFixture]
[Category("Post")]
public sealed class HealthRows
{
    [Test]
    [MatrixRow("Post-1")]
    [Description("files-api health: curl :3500/health -> {\"status\":\"ok\",\"db\":\"ok\",\"minio\":\"ok\"}")]
    public async Task Post1_FilesApiHealthIsOk()
    {
        var target = await MatrixRun.TargetAsync();
        RowAssert.Passed(await HealthCheck.RunAsync("Post-1", "files-api", target.Endpoints.FilesApi, HealthCheck.FilesApiFields, MatrixRun.Http));
    }

    [Test]
    [MatrixRow("Post-2")]
    [Description("order-intake health: curl :3400/health -> {\"status\":\"ok\",\"artwork_api\":\"ok\"}")]
    public async Task Post2_OrderIntakeHealthIsOk()
    {
        var target = await MatrixRun.TargetAsync();
        RowAssert.Passed(await HealthCheck.RunAsync("Post-2", "order-intake", target.Endpoints.OrderIntake, HealthCheck.OrderIntakeFields, MatrixRun.Http));
    }

    [Test]
    [MatrixRow("Post-3")]
    [Description("quote-page health: curl :3341/health -> {\"status\":\"ok\",\"minio\":\"ok\",\"files_api\":\"ok\"}")]
    public async Task Post3_QuotePageHealthIsOk()
    {
        var target = await MatrixRun.TargetAsync();
        RowAssert.Passed(await HealthCheck.RunAsync("Post-3", "quote-page", target.Endpoints.QuotePage, HealthCheck.QuotePageFields, MatrixRun.Http));
    }
}
