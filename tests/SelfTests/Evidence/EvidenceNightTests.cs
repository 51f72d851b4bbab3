using System.Text.Json.Nodes;
using FluentAssertions;
using Mint.Verification.Evidence;
using Mint.Verification.Redaction;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>
/// One night, one evidence run: a results directory of another target, host or change id is refused,
/// the same night is joined; a night whose secret fingerprints are in the old format is refused.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class EvidenceNightTests
{
    private string directory = string.Empty;

    [SetUp]
    public void MakeDirectory() => directory = EvidenceSamples.TemporaryDirectory("night-owner");

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public void TheFirstInvocationOpensTheNightAndTheNextJoinsIt()
    {
        var settings = Rehearsal();

        EvidenceNight.Resolve(settings, DateTimeOffset.UtcNow, directory).Should().Be(directory);
        EvidenceNight.Resolve(settings, DateTimeOffset.UtcNow.AddHours(1), directory).Should().Be(directory);

        var night = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, EvidenceNight.FileName)))!;
        ((string?)night["target"]).Should().Be("rehearsal");
        ((string?)night["host"]).Should().Be("127.0.0.1");
    }

    [TestCase("target", "production")]
    [TestCase("host", "192.168.1.200")]
    [TestCase("change_id", "LOOP-SOME-OTHER-CHANGE")]
    public void ADirectoryOfAnotherNightIsRefusedNamingTheDifference(string key, string value)
    {
        EvidenceNight.Resolve(Rehearsal(), DateTimeOffset.UtcNow, directory);
        var file = Path.Combine(directory, EvidenceNight.FileName);
        var night = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        night[key] = value;
        File.WriteAllText(file, night.ToJsonString());

        var act = () => EvidenceNight.Resolve(Rehearsal(), DateTimeOffset.UtcNow, directory);

        act.Should().Throw<InvalidOperationException>().WithMessage($"*{directory} holds another night ({key} '{value}' there*")
            .And.Message.Should().Contain(AllureResultsWriter.DirectoryVariable);
    }

    [Test]
    public void ANightWithOldFormatFingerprintsIsRefusedBeforeAnythingIsContacted()
    {
        EvidenceNight.Resolve(Rehearsal(), DateTimeOffset.UtcNow, directory);
        File.WriteAllText(Path.Combine(directory, SecretFingerprints.FileName), "salt 00ff\n12 " + new string('a', 64) + " 00000000000000ff\n");

        var act = () => EvidenceNight.Resolve(Rehearsal(), DateTimeOffset.UtcNow, directory);

        act.Should().Throw<InvalidOperationException>().WithMessage("*old fingerprint format*", "unsalted rolling hashes are never joined with keyed ones");
    }

    [Test]
    public void ANightJoinedByALaterInvocationKeepsItsFingerprintSalt()
    {
        EvidenceNight.Resolve(Rehearsal(), DateTimeOffset.UtcNow, directory);
        SecretFingerprints.Write(directory);
        var salt = File.ReadAllLines(Path.Combine(directory, SecretFingerprints.FileName)).Single(l => l.StartsWith("salt ", StringComparison.Ordinal));

        EvidenceNight.Resolve(Rehearsal(), DateTimeOffset.UtcNow.AddHours(1), directory);
        Redactor.Register("later-" + Guid.NewGuid().ToString("N"));
        SecretFingerprints.Write(directory);

        File.ReadAllLines(Path.Combine(directory, SecretFingerprints.FileName)).Should().Contain(salt, "the salt is the night's: one per night, kept by every invocation");
    }

    private static VerificationSettings Rehearsal() =>
        SettingsReader.Read(RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("rehearsal.runsettings")), _ => null);
}
