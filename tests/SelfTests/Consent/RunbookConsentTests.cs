using Mint.Verification.Operator;
using Mint.Verification.Settings;
using static Mint.Verification.SelfTests.Consent.ConsentSettings;

namespace Mint.Verification.SelfTests.Consent;

/// <summary>
/// Issue 17 item 5: Cutover and Rollback each need their own confirmation, "&lt;runbook&gt;:&lt;change id&gt;";
/// one never unlocks the other, the old single confirmation is refused naming the new form, and
/// every message names the exact value to type.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
[Description("Issue 17 item 5: consent per runbook")]
public sealed class RunbookConsentTests
{
    [TestCase("Cutover", "Rollback")]
    [TestCase("Rollback", "Cutover")]
    public void AConfirmationUnlocksOnlyItsOwnRunbook(string confirmed, string other)
    {
        var settings = Production(new Dictionary<string, string> { [OperatorVariables.Confirm] = $"{confirmed.ToLowerInvariant()}:{ChangeId}" });

        Assert.Multiple(() =>
        {
            Assert.That(RunbookRuns.Refusal(settings, confirmed), Is.Null, $"{confirmed}'s own confirmation must let {confirmed} run");
            Assert.That(
                RunbookRuns.Refusal(settings, other),
                Does.Contain("nothing was touched").And.Contain($"MINT_CONFIRM={other.ToLowerInvariant()}:{ChangeId}").And.Contain("confirms another runbook"),
                $"{confirmed}'s confirmation must never unlock {other}, and the refusal names {other}'s exact value");
        });
    }

    [TestCase("Cutover", "MINT_CONFIRM=cutover:" + ChangeId)]
    [TestCase("Rollback", "MINT_CONFIRM=rollback:" + ChangeId)]
    public void WithoutConfirmationTheRefusalNamesTheExactValueToType(string runbook, string typed)
    {
        var settings = Production(new Dictionary<string, string>());

        Assert.That(RunbookRuns.Refusal(settings, runbook), Does.Contain(typed).And.Contain("MINT_DRY_RUN=true"), $"an unconfirmed {runbook} is refused naming what to type");
    }

    [TestCase("Cutover", "MINT_CONFIRM=cutover:" + ChangeId)]
    [TestCase("Rollback", "MINT_CONFIRM=rollback:" + ChangeId)]
    public void TheNextCommandCarriesTheRunbooksOwnConfirmation(string runbook, string typed)
    {
        var command = StageCommand.For(Production(new Dictionary<string, string>()), runbook, confirmed: true);

        Assert.That(command, Does.StartWith(typed + " dotnet test tests/Runbooks").And.Contain($"--filter Category={runbook}"), "the stop block's next command must work as typed");
    }

    [Test]
    public void TheRetiredVariableIsRefusedNamingTheNewForm()
    {
        var variables = new Dictionary<string, string> { [RunbookConsent.RetiredVariable] = ChangeId };

        var problems = Problems(() => Production(variables), $"{RunbookConsent.RetiredVariable}={ChangeId}");

        Assert.That(
            problems,
            Has.One.Matches<string>(p => p is not null && p.StartsWith("MINT_CONFIRM_CHANGE_ID: no longer read", StringComparison.Ordinal)
                && p.Contains("MINT_CONFIRM=cutover:" + ChangeId, StringComparison.Ordinal) && p.Contains("MINT_CONFIRM=rollback:" + ChangeId, StringComparison.Ordinal)),
            "the old confirmation unlocked both runbooks; it is refused with both new values named");
        Assert.That(problems, Has.None.Contain("unknown variable"), "a retired name gets its own advice, not a spelling guess");
    }

    [Test]
    public void TheRetiredParameterIsRefusedNamingTheNewForm()
    {
        var problems = Problems(() => Production(new Dictionary<string, string>(), (RunbookConsent.RetiredParameter, ChangeId)), $"-- TestRunParameters {RunbookConsent.RetiredParameter}={ChangeId}");

        Assert.That(problems, Has.One.Matches<string>(p => p is not null && p.StartsWith("ConfirmChangeId: no longer read", StringComparison.Ordinal) && p.Contains("Confirm=<runbook>:<change id>", StringComparison.Ordinal)), "the old parameter is refused naming the new one");
    }

    [TestCase(ChangeId, TestName = "{m}(the bare change id)")]
    [TestCase("cutover:LOOP-MINT", TestName = "{m}(a shortened change id)")]
    [TestCase("Cutover:" + ChangeId, TestName = "{m}(the runbook capitalised)")]
    [TestCase("cutover+rollback:" + ChangeId, TestName = "{m}(both runbooks at once)")]
    [TestCase("cutover:LOOP-MINT-PROD-CUTOVER-EXECUTION-20260213", TestName = "{m}(another change)")]
    public void AValueThatConfirmsNoRunbookOfThisChangeIsRefused(string value)
    {
        var problems = Problems(() => Production(new Dictionary<string, string> { [OperatorVariables.Confirm] = value }), $"MINT_CONFIRM={value}");

        Assert.That(
            problems,
            Has.One.Matches<string>(p => p is not null && p.StartsWith("Confirm:", StringComparison.Ordinal) && p.Contains("MINT_CONFIRM=cutover:" + ChangeId, StringComparison.Ordinal)),
            "a confirmation that is not exactly '<runbook>:<change id>' is a settings error naming the exact values");
    }
}
