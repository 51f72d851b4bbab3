using FluentAssertions;
using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests;

/// <summary>
/// Production's session must outlast the runbook's step bounds, or the test platform kills a
/// cutover mid-step without evidence; the refusal comes at start, naming the key, the sum and its parts.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class SessionBudgetTests
{
    private const string Fingerprint = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    [Test]
    public void ProductionSessionCoversTheRunbooksBounds()
    {
        var settings = SettingsReader.Read(Production(), _ => null);

        settings.SessionTimeout.Should().BeGreaterThanOrEqualTo(SessionBudget.Total(settings), "production.runsettings must hold a whole cutover with its automatic rollback");
    }

    [Test]
    public void ATooShortProductionSessionIsRefusedNamingTheKeySumAndParts()
    {
        var parameters = Production();
        parameters[SettingsReader.SessionTimeoutKey] = "1800000";

        var act = () => SessionBudget.EnsureHolds(SettingsReader.Read(parameters, _ => null));

        var problem = act.Should().Throw<SettingsException>().Which.Problems.Should().ContainSingle().Which;
        problem.Should().StartWith("TestSessionTimeout: 1800 s is shorter than the sum of the runbook's step bounds")
            .And.Contain("3 x RunbookBounds.BuildTimeout (Cutover-3) 1800 s")
            .And.Contain("StartupTimeoutSeconds + StabilizationSeconds (Cutover-7) 190 s");
    }

    [Test]
    public void TheSumIsItsParts()
    {
        var settings = SettingsReader.Read(Production(), _ => null);

        SessionBudget.Total(settings).Should().Be(SessionBudget.Parts(settings).Aggregate(TimeSpan.Zero, (sum, part) => sum + part.Time));
        SessionBudget.Parts(settings).Should().Contain(part => part.Time == 3 * RunbookBounds.BuildTimeout);
    }

    [TestCaseSource(nameof(Files))]
    public void TheParameterMirrorsRunConfiguration(string file)
    {
        var parameter = RunSettingsFile.ReadParameters(file).GetValueOrDefault(SettingsReader.SessionTimeoutKey);

        parameter.Should().NotBeNull($"{Path.GetFileName(file)} must repeat its session timeout as a TestRunParameter")
            .And.Be(RunSettingsFile.ReadSessionTimeout(file), "the parameter and RunConfiguration/TestSessionTimeout must agree");
    }

    private static IEnumerable<TestCaseData> Files() =>
        RunSettingsFile.AllInRepository().Select(file => new TestCaseData(file).SetName($"{{m}}({Path.GetFileName(file)})"));

    private static Dictionary<string, string> Production()
    {
        var parameters = RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("production.runsettings"));
        parameters["SshHostKeySha256"] = Fingerprint;
        return parameters;
    }
}
