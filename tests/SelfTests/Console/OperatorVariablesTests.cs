using FluentAssertions;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Console;

/// <summary>The night's values from MINT_* variables: a pin and a consent are never overridden silently, a plan never turns into a change.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class OperatorVariablesTests
{
    private const string ChangeId = "LOOP-MINT-PROD-CUTOVER-EXECUTION-20260212";
    private const string Key = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    [Test]
    public void ProductionTakesHostKeyOperatorAndConfirmationFromTheEnvironment()
    {
        var settings = Production(new() { [OperatorVariables.HostKey] = Key, [OperatorVariables.Operator] = "@night-operator", [OperatorVariables.Confirm] = "cutover:" + ChangeId });

        settings.Ssh.HostKeySha256.Should().Be(Key);
        settings.Operator.Should().Be("@night-operator", "the variable wins over the file's default operator");
        settings.Confirm.Should().Be("cutover:" + ChangeId);
    }

    [Test]
    public void AHostKeyThatDiffersFromTheFilesIsRefusedNamingBoth()
    {
        var act = () => Production(new() { [OperatorVariables.HostKey] = Key }, ("SshHostKeySha256", "SHA256:AAAAtksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"));

        act.Should().Throw<SettingsException>().Which.Problems.Should().Contain(p => p.StartsWith("SshHostKeySha256:", StringComparison.Ordinal) && p.Contains(OperatorVariables.HostKey, StringComparison.Ordinal));
    }

    [Test]
    public void AShortConfirmationIsRefused()
    {
        var act = () => Production(new() { [OperatorVariables.HostKey] = Key, [OperatorVariables.Confirm] = "cutover:LOOP-MINT" });

        act.Should().Throw<SettingsException>().Which.Problems.Should().Contain(p => p.StartsWith("Confirm:", StringComparison.Ordinal));
    }

    [TestCase("true", "false", true)]
    [TestCase("false", "true", true)]
    [TestCase("false", "false", false)]
    public void DryRunIsTrueIfEitherPlaceSaysSo(string variable, string parameter, bool dryRun)
    {
        var settings = Production(new() { [OperatorVariables.HostKey] = Key, [OperatorVariables.DryRun] = variable }, ("DryRun", parameter));

        settings.DryRun.Should().Be(dryRun);
    }

    [Test]
    public void ARehearsalIgnoresAProductionHostKeyLeftInTheShell()
    {
        var parameters = RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("rehearsal.runsettings"));
        var settings = SettingsReader.Read(parameters, name => name == OperatorVariables.HostKey ? Key : null);

        settings.Ssh.HostKeySha256.Should().NotBe(Key, "the rehearsal pins the key its own host world made");
    }

    [Test]
    public void ProductionTakesTheTailscaleAddressFromTheEnvironmentAndARehearsalKeepsItsStandIn()
    {
        var production = Production(new() { [OperatorVariables.HostKey] = Key, [OperatorVariables.TailscaleHost] = "100.101.102.103" });
        var rehearsal = SettingsReader.Read(RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("rehearsal.runsettings")), name => name == OperatorVariables.TailscaleHost ? "100.101.102.103" : null);

        production.TailscaleHost.Should().Be("100.101.102.103");
        rehearsal.TailscaleHost.Should().Be("127.0.0.2", "a production address left in the shell must not reach a rehearsal");
    }

    [Test]
    public void ATailscaleAddressThatDiffersFromTheFilesIsRefusedNamingBoth()
    {
        var act = () => Production(new() { [OperatorVariables.HostKey] = Key, [OperatorVariables.TailscaleHost] = "100.101.102.103" }, ("TailscaleHost", "100.101.102.104"));

        act.Should().Throw<SettingsException>().Which.Problems.Should().Contain(p => p.StartsWith("TailscaleHost:", StringComparison.Ordinal) && p.Contains(OperatorVariables.TailscaleHost, StringComparison.Ordinal));
    }

    private static VerificationSettings Production(Dictionary<string, string> environment, params (string Key, string Value)[] overrides)
    {
        var parameters = RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("production.runsettings"));
        foreach (var (key, value) in overrides)
        {
            parameters[key] = value;
        }

        return SettingsReader.Read(parameters, name => environment.GetValueOrDefault(name));
    }
}
