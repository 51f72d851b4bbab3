using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Consent;

/// <summary>
/// Issue 17 item 3: while MINT_REHEARSAL_ONLY is set (./verify.sh exports it), the settings reader
/// refuses Target=production however it arrived: every spelling of the command line ends as the
/// Target parameter here, so this is the one guard they all pass through.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
[Description("Issue 17 item 3: production only on purpose")]
public sealed class RehearsalOnlyTests
{
    private static readonly Dictionary<string, string> Marked = new() { [OperatorVariables.RehearsalOnly] = "1" };

    [TestCase("false")]
    [TestCase("true")]
    public void ProductionIsRefusedNamingTheVariableAndWhatToDo(string dryRun)
    {
        var problems = ConsentSettings.Problems(() => ConsentSettings.Production(Marked, ("DryRun", dryRun)), $"production.runsettings (DryRun={dryRun}) with {OperatorVariables.RehearsalOnly}=1");

        Assert.That(
            problems,
            Has.One.Matches<string>(p => p is not null && p.StartsWith("Target: production is refused", StringComparison.Ordinal)
                && p.Contains(OperatorVariables.RehearsalOnly, StringComparison.Ordinal) && p.Contains("typed by hand, from a shell without", StringComparison.Ordinal)),
            "the refusal names the variable and how production is run instead; a DryRun is production too");
    }

    [TestCase("production")]
    [TestCase("Production")]
    [TestCase("PRODUCTION")]
    public void ProductionAskedForInlineOnTheRehearsalFileIsRefusedToo(string target)
    {
        var problems = ConsentSettings.Problems(() => ConsentSettings.Rehearsal(Marked, ("Target", target)), $"rehearsal.runsettings with -- TestRunParameters Target={target}");

        Assert.That(problems, Has.Some.Contain(OperatorVariables.RehearsalOnly), $"Target={target} given inline is production all the same");
    }

    [TestCase("1")]
    [TestCase("yes")]
    [TestCase(" ")]
    public void AnyNonEmptyValueMarksTheShell(string value)
    {
        var marked = new Dictionary<string, string> { [OperatorVariables.RehearsalOnly] = value };

        var problems = ConsentSettings.Problems(() => ConsentSettings.Production(marked), $"{OperatorVariables.RehearsalOnly}='{value}'");

        Assert.That(problems, Has.Some.Contain(OperatorVariables.RehearsalOnly), "set means set: the reader does not judge the value");
    }

    [Test]
    public void TheRehearsalRunsWithTheMarkSet()
    {
        var settings = ConsentSettings.Rehearsal(Marked);

        Assert.That(settings.Target, Is.EqualTo(TargetKind.Rehearsal), "the mark only refuses production; every rehearsal of ./verify.sh carries it");
    }

    [Test]
    public void ProductionFromAShellWithoutTheMarkIsRead()
    {
        var settings = ConsentSettings.Production(new Dictionary<string, string>());

        Assert.That(settings.IsProduction, Is.True, "the operator's own shell, without the mark, still runs production on purpose");
    }
}
