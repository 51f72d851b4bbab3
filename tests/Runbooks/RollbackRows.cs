using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;

namespace Mint.Verification.Runbooks.Tests;

/// <summary>
/// The rollback map, one row per step of <see cref="RollbackRunbook.Steps"/>, then its proofs
/// (<see cref="RollbackRunbook.Proofs"/>): no seed lost, Pre-7 and Pre-8 pass again.
/// Against production it needs MINT_CONFIRM=rollback:&lt;change id&gt;, or DryRun=true for the plan.
/// </summary>
[TestFixture]
[Category("Rollback")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Structure", "NUnit1029:TestCaseSource parameter count", Justification = "RunbookRowCases builds cases without arguments (each test finds its row by name); the analyzer takes every TestCaseData to carry some.")]
public sealed class RollbackRows
{
    [TestCaseSource(typeof(RunbookRowCases), nameof(RunbookRowCases.Rollback))]
    public async Task Rollback()
    {
        var run = await MatrixRun.Current.Runbooks.RollbackAsync();
        RowAssert.Step(run.Step(RunbookRowCases.Current(RollbackRunbook.Rows).Id));
    }

    [TestCaseSource(typeof(RunbookRowCases), nameof(RunbookRowCases.RollbackProofs))]
    public async Task RollbackVerify()
    {
        var proof = RunbookRowCases.Current(RollbackRunbook.Proofs);
        var run = await MatrixRun.Current.Runbooks.RollbackAsync();
        if (run.Steps.All(s => s.Status == StepStatus.Planned))
        {
            RowAssert.Planned(new CheckResult(proof.MatrixRow, "the rollback's proofs"), proof.MatrixRow, ["runs after Rollback-1..4: every seed reads through the old files-api, Pre-7 and Pre-8 pass again"]);
        }

        if (run.Verification(proof.Id) is not { } verified)
        {
            Assert.Fail($"not run: the rollback produced no proof {proof.Id} (it ran {run.Steps.Count} step(s)); a proof that did not run is never a pass.");
            return;
        }

        RowAssert.Passed(verified);
    }
}
