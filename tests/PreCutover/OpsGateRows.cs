namespace Mint.Verification.PreCutover;

/// <summary>Pre-1..4: the operations gates, run from the operator's repositories (rehearsal: fixtures/ops and fixtures/modules).</summary>
[TestFixture]
[Category("Pre")]
public sealed class OpsGateRows
{
    [Test]
    [MatrixRow("Pre-1")]
    [Description("spine.verify: ./bin/ops cap run spine.verify -> PASS (all gates)")]
    public async Task Pre1_SpineVerifyPasses() =>
        RowAssert.Passed(await OpsChecks.SpineVerifyAsync("Pre-1", MatrixRun.Tools));

    [Test]
    [MatrixRow("Pre-2")]
    [Description("ops status: ./bin/ops status -> 0 loops, 0 gaps")]
    public async Task Pre2_OpsStatusHasNoOpenLoopsOrGaps() =>
        RowAssert.Passed(await OpsChecks.StatusBriefAsync("Pre-2", MatrixRun.Tools));

    [Test]
    [MatrixRow("Pre-3")]
    [Description("authority.project.status: --repo-path mint-modules -> GOVERNED")]
    public async Task Pre3_ModulesRepositoryIsGoverned() =>
        RowAssert.Passed(await OpsChecks.AuthorityStatusAsync("Pre-3", MatrixRun.Tools));

    [Test]
    [MatrixRow("Pre-4")]
    [Description("promote --dry-run: promote-to-prod.sh --dry-run -> PASS (all preflight)")]
    public async Task Pre4_PromoteDryRunPasses() =>
        RowAssert.Passed(await OpsChecks.PromoteDryRunAsync("Pre-4", MatrixRun.Tools));
}
