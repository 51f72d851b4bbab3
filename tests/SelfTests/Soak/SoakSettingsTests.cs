using FluentAssertions;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Soak;

/// <summary>The soak's settings: the runsettings' values, the defaults README names, and bad values named.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class SoakSettingsTests
{
    [Test]
    public void TheRehearsalSoaksSixtySecondsAndProductionFifteenMinutes()
    {
        Read("rehearsal.runsettings").Soak.Should().Be(SoakSettings.Defaults with { Duration = TimeSpan.FromSeconds(60) });
        var production = RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("production.runsettings"));
        production["SoakSeconds"].Should().Be("900");
        SoakSettings.Defaults.Duration.Should().Be(TimeSpan.FromSeconds(900));
    }

    [Test]
    public void TheWorstCaseTimeToDetectIsTheIntervalTimesTheConsecutiveLimit()
    {
        SoakSettings.Defaults.WorstCaseDetection.Should().Be(TimeSpan.FromSeconds(6));
        (SoakSettings.Defaults with { Interval = TimeSpan.FromSeconds(5), ConsecutiveLimit = 4 }).WorstCaseDetection.Should().Be(TimeSpan.FromSeconds(20));
        (SoakSettings.Defaults with { Duration = TimeSpan.FromSeconds(60) }).MinimumSamples.Should().Be(24);
    }

    [Test]
    public void BadSoakValuesAreNamedTogether()
    {
        var parameters = RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("rehearsal.runsettings"));
        parameters["SoakIntervalSeconds"] = "0";
        parameters["SoakLatencyFactor"] = "fast";
        parameters["SoakMinimumCoveragePercent"] = "120";

        var act = () => SettingsReader.Read(parameters, _ => null);

        act.Should().Throw<SettingsException>().Which.Problems.Should().Contain(p => p.StartsWith("SoakIntervalSeconds: '0'", StringComparison.Ordinal))
            .And.Contain(p => p.StartsWith("SoakLatencyFactor: 'fast'", StringComparison.Ordinal))
            .And.Contain(p => p.StartsWith("SoakMinimumCoveragePercent: '120'", StringComparison.Ordinal));
    }

    [Test]
    public void ASoakShorterThanTwoSamplesIsRefused()
    {
        var parameters = RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("rehearsal.runsettings"));
        parameters["SoakSeconds"] = "3";

        var act = () => SettingsReader.Read(parameters, _ => null);

        act.Should().Throw<SettingsException>().Which.Problems.Should().ContainSingle().Which.Should().StartWith("SoakSeconds: 3 is shorter than two samples 2 s apart");
    }

    [Test]
    public void ALimitNoSoakCouldReachIsRefused()
    {
        var parameters = RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("rehearsal.runsettings"));
        parameters["SoakFailureLimit"] = "31";

        var act = () => SettingsReader.Read(parameters, _ => null);

        act.Should().Throw<SettingsException>().Which.Problems.Should().ContainSingle().Which.Should().StartWith("SoakFailureLimit: 31 is more than the 30 samples");
    }

    [Test]
    public void TheCoverageIsCountedInWholeSamples()
    {
        (SoakSettings.Defaults with { Duration = TimeSpan.FromSeconds(600), MinimumCoveragePercent = 81 }).MinimumSamples.Should().Be(243);
    }

    private static VerificationSettings Read(string file) => SettingsReader.Read(RunSettingsFile.ReadParameters(RunSettingsFile.InRepository(file)), _ => null);
}
