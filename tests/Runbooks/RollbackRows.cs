using Mint.Verification.Runbooks;

namespace Mint.Verification.Runbooks.Tests;

/// <summary>
/// The rollback map, one row per line, then the proof: no seed lost, Pre-7 and Pre-8 pass again.
/// Against production it needs MINT_CONFIRM=rollback:&lt;change id&gt;, or DryRun=true for the plan.
/// </summary>
[TestFixture]
[Category("Rollback")]
public sealed class RollbackRows
{
    [Test]
    [MatrixRow("Rollback-1")]
    [Description("files-api: cd ~/artwork-module && docker compose up -d")]
    public async Task Rollback1_FilesApiFromOldCompose() => await StepPasses("Rollback-1");

    [Test]
    [MatrixRow("Rollback-2")]
    [Description("quote-page: cd ~/quote-page && docker compose up -d")]
    public async Task Rollback2_QuotePageFromOldCompose() => await StepPasses("Rollback-2");

    [Test]
    [MatrixRow("Rollback-3")]
    [Description("order-intake: remove (new service, no prior state)")]
    public async Task Rollback3_OrderIntakeRemoved() => await StepPasses("Rollback-3");

    [Test]
    [MatrixRow("Rollback-4")]
    [Description("Database: ALTER TABLE artwork_seeds DROP COLUMN metadata; (after saving every non-NULL value)")]
    public async Task Rollback4_ReverseMigrationAfterBackup() => await StepPasses("Rollback-4");

    [Test]
    [MatrixRow("Rollback-Verify")]
    [Description("every seed from before the rollback reads through the old files-api")]
    public async Task RollbackVerify_NoSeedLost() => await VerificationPasses(0);

    [Test]
    [MatrixRow("Rollback-Verify")]
    [Description("Pre-7 passes again after the rollback")]
    public async Task RollbackVerify_Pre7NetworksPresent() => await VerificationPasses(1);

    [Test]
    [MatrixRow("Rollback-Verify")]
    [Description("Pre-8 passes again after the rollback")]
    public async Task RollbackVerify_Pre8OldContainersHealthy() => await VerificationPasses(2);

    private static async Task StepPasses(string step)
    {
        var run = await RunbookRuns.RollbackAsync();
        RowAssert.Step(run.Step(step));
    }

    private static async Task VerificationPasses(int check)
    {
        var run = await RunbookRuns.RollbackAsync();
        if (run.Steps.All(s => s.Status == StepStatus.Planned))
        {
            RowAssert.Planned(new CheckResult("Rollback-Verify", "the rollback's proofs"), "Rollback-Verify", ["runs after Rollback-1..4: every seed reads through the old files-api, Pre-7 and Pre-8 pass again"]);
        }

        if (run.Verifications.Count <= check)
        {
            Assert.Fail($"not run: the rollback produced no proof #{check + 1} (it ran {run.Steps.Count} step(s)); a proof that did not run is never a pass.");
        }

        RowAssert.Passed(run.Verifications[check]);
    }
}
