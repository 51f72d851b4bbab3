using FluentAssertions;
using Mint.Verification.Modules;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests;

/// <summary>The settings gate: good files load; every bad key is named, all in one error, before anything runs.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class SettingsValidationTests
{
    private const string Fingerprint = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    [Test]
    public void RehearsalSettingsLoadAsRehearsal()
    {
        var settings = Read(Rehearsal());

        settings.Target.Should().Be(TargetKind.Rehearsal);
        ModuleCatalogue.Artwork.Image(settings).Should().Be("mint-modules/artwork:0ce4de6");
        settings.Ports.Should().Be(new ModulePorts(3500, 3400, 3341));
    }

    [Test]
    public void ProductionSettingsNeedThePinnedHostKey()
    {
        var act = () => Read(Production());

        act.Should().Throw<SettingsException>().Which.Problems.Should().ContainSingle()
            .Which.Should().StartWith("SshHostKeySha256:");
    }

    [Test]
    public void ProductionSettingsWithHostKeyArePlannedWithoutConnecting()
    {
        var parameters = Production();
        parameters["SshHostKeySha256"] = Fingerprint;

        var settings = Read(parameters);

        settings.IsProduction.Should().BeTrue();
        settings.Host.Should().Be("192.168.1.200");
        settings.Ssh.User.Should().Be("docker-host");
    }

    [TestCase("Target", "Nonsense", "is not one of: rehearsal, production")]
    [TestCase("FilesApiPort", "abc", "is not a TCP port")]
    [TestCase("OrderIntakePort", "70000", "is not a TCP port")]
    [TestCase("QuotePagePort", "", "missing or empty")]
    [TestCase("Host", "192.168.1.200", "is not a loopback address")]
    [TestCase("TailscaleHost", "100.101.102.103", "is not a loopback address (an IP in 127.0.0.0/8), but Target is rehearsal")]
    [TestCase("TailscaleHost", "127.0.0.1", "is the LAN address Host again")]
    [TestCase("TailscaleHost", "docker host", "is not an IP address or a host name")]
    [TestCase("ExpectedTag", "bad tag", "is not a valid image tag")]
    [TestCase("ArtworkDigest", "xyz", "is not a sha256 digest prefix")]
    [TestCase("HttpTimeoutSeconds", "-1", "is not a number of seconds")]
    [TestCase("DryRun", "maybe", "is not true or false")]
    [TestCase("MinimumDockerVersion", "latest", "is not a version")]
    [TestCase("FilesApiKeyVariable", "FILES-API-KEY", "is not an environment variable name")]
    [TestCase("Confirm", "cutover:LOOP-OTHER", "confirms no runbook")]
    [TestCase("ArtworkImage", "mint-modules/artwork:0ce4de6", "without a tag")]
    public void EachMalformedKeyIsNamed(string key, string value, string reason)
    {
        var parameters = Rehearsal();
        parameters[key] = value;

        var act = () => Read(parameters);

        act.Should().Throw<SettingsException>().Which.Problems.Should().ContainSingle()
            .Which.Should().StartWith(key + ":").And.Contain(reason);
    }

    [TestCase("127.0.0.2", "is a loopback address, but Target is production")]
    [TestCase("192.168.1.200", "is the LAN address Host again")]
    [TestCase("http://100.101.102.103", "is not an IP address or a host name")]
    public void ProductionTailscaleHostIsAnotherRealAddress(string value, string reason)
    {
        var parameters = Production();
        parameters["SshHostKeySha256"] = Fingerprint;
        parameters["TailscaleHost"] = value;

        var act = () => Read(parameters);

        act.Should().Throw<SettingsException>().Which.Problems.Should().ContainSingle()
            .Which.Should().StartWith("TailscaleHost:").And.Contain(reason);
    }

    [TestCase("100.101.102.103")]
    [TestCase("docker-host.tail1234.ts.net")]
    public void ProductionTakesATailscaleAddressOrName(string value)
    {
        var parameters = Production();
        parameters["SshHostKeySha256"] = Fingerprint;
        parameters["TailscaleHost"] = value;

        Read(parameters).TailscaleHost.Should().Be(value);
    }

    [Test]
    public void EveryProblemIsReportedInOneMessage()
    {
        var parameters = Rehearsal();
        parameters["Target"] = "Nonsense";
        parameters["FilesApiPort"] = "abc";
        parameters["Traget"] = "rehearsal";

        var act = () => Read(parameters);

        act.Should().Throw<SettingsException>()
            .WithMessage("*Target: 'Nonsense'*FilesApiPort: 'abc'*Traget: unknown parameter*");
    }

    [Test]
    public void SecretsComeOnlyFromTheNamedVariables()
    {
        var environment = new Dictionary<string, string> { ["MY_FILES_KEY"] = "from-env" };
        var parameters = Rehearsal();
        parameters["FilesApiKeyVariable"] = "MY_FILES_KEY";

        var settings = SettingsReader.Read(parameters, environment.GetValueOrDefault);

        settings.Secrets.FilesApiKey.Should().Be("from-env");
        settings.Secrets.OrderIntakeApiKey.Should().BeNull("ORDER_INTAKE_API_KEY is not set in this environment");
    }

    private static VerificationSettings Read(Dictionary<string, string> parameters) =>
        SettingsReader.Read(parameters, _ => null);

    private static Dictionary<string, string> Rehearsal() => RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("rehearsal.runsettings"));

    private static Dictionary<string, string> Production() => RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("production.runsettings"));
}
