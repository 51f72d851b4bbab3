using Mint.Verification.Operator;
using Mint.Verification.Runbooks;

namespace Mint.Verification.Runbooks.Tests;

/// <summary>
/// The cutover sequence, one row per step. The nine steps run once, in order, on first use; each
/// row reports its own step (done, already done, planned, failed, or not reached because an
/// earlier step failed). Against production it needs MINT_CONFIRM=cutover:&lt;change id&gt;, or DryRun=true for the plan.
/// </summary>
[TestFixture]
[Category("Cutover")]
public sealed class CutoverRows
{
    [Test]
    [MatrixRow("Cutover-1")]
    [Description("Bootstrap .env.prod on docker-host:~/mint-modules-prod/ with secrets from running containers")]
    public async Task Cutover1_BootstrapEnvProd() => await StepPasses("Cutover-1");

    [Test]
    [MatrixRow("Cutover-2")]
    [Description("Transfer module source to docker-host via rsync")]
    public async Task Cutover2_TransferSourcesByRsync() => await StepPasses("Cutover-2");

    [Test]
    [MatrixRow("Cutover-3")]
    [Description("Build 3 images on remote host (commit 0ce4de6)")]
    public async Task Cutover3_BuildImagesOnHost() => await StepPasses("Cutover-3");

    [Test]
    [MatrixRow("Cutover-3b")]
    [Description("Canary start (added by the matrix, not a step of the change pack): each new image started under a throwaway project with .env.prod, no port, no migration, healthy within CanaryStartSeconds, removed")]
    public async Task Cutover3b_CanaryStartOfTheNewImages() => await StepPasses("Cutover-3b");

    [Test]
    [MatrixRow("Cutover-4")]
    [Description("Stop old files-api container (cd ~/artwork-module && docker compose down)")]
    public async Task Cutover4_StopOldFilesApi() => await StepPasses("Cutover-4");

    [Test]
    [MatrixRow("Cutover-5")]
    [Description("Stop old quote-page container (cd ~/quote-page && docker compose down)")]
    public async Task Cutover5_StopOldQuotePage() => await StepPasses("Cutover-5");

    [Test]
    [MatrixRow("Cutover-6")]
    [Description("Deploy unified compose (docker compose -f docker-compose.prod.yml --env-file .env.prod up -d)")]
    public async Task Cutover6_DeployUnifiedCompose() => await StepPasses("Cutover-6");

    [Test]
    [MatrixRow("Cutover-7")]
    [Description("Wait for healthchecks (10s stabilization)")]
    public async Task Cutover7_WaitForHealthchecks() => await StepPasses("Cutover-7");

    [Test]
    [MatrixRow("Cutover-8")]
    [Description("Apply database migration (ALTER TABLE artwork_seeds ADD COLUMN metadata jsonb DEFAULT NULL)")]
    public async Task Cutover8_ApplyMetadataMigration() => await StepPasses("Cutover-8");

    [Test]
    [MatrixRow("Cutover-9")]
    [Description("Verify end-to-end intake -> seed metadata flow")]
    public async Task Cutover9_VerifyIntakeToSeedMetadata() => await StepPasses("Cutover-9");

    [Test]
    [MatrixRow("Downtime")]
    [Description("Downtime window: ~2 min (stop old containers, start new compose)")]
    public async Task Downtime_LongestOutageWithinWindow()
    {
        var run = await RunbookRuns.CutoverAsync();
        if (run.Steps.All(s => s.Status == StepStatus.Planned))
        {
            RowAssert.Planned(run.Downtime!, "downtime", run.Downtime!.Observations);
        }

        var figures = run.Downtime!.Observations.Where(o => o.StartsWith("downtime ", StringComparison.Ordinal)).ToList();
        OperatorConsole.Figure($"Downtime   {(figures.Count > 0 ? string.Join("; ", figures) : "not measured")} (DowntimeWindowSeconds={MatrixRun.Settings.DowntimeWindow.TotalSeconds:0})");
        RowAssert.Passed(run.Downtime!);
    }

    private static async Task StepPasses(string step)
    {
        var run = await RunbookRuns.CutoverAsync();
        RowAssert.Step(run.Step(step));
    }
}
