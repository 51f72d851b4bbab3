using System.Text.Json;
using Mint.Verification.Bundle;
using Mint.Verification.Contract;
using Mint.Verification.Evidence;
using Mint.Verification.Faults;
using Mint.Verification.Redaction;
using Mint.Verification.Remote;
using Mint.Verification.Testing;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>
/// A planted secret with + &amp; ' " \ and a space (the characters JSON escaping and URL encoding
/// change) goes through every writer of the night's evidence, as a secret-named setting, inside a
/// URL and inside a connection string, in plain and encoded spellings; the bundle's two leak scans
/// then find none of it. Without the engine: verify.sh's world-wide planted secret stays letters and
/// digits (it becomes a real Postgres password), so the hard characters are proven here.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class PlantedSecretTests
{
    private string night = string.Empty;
    private string planted = string.Empty;
    private Planted secrets = null!;

    [SetUp]
    public void PlantSecrets()
    {
        night = EvidenceSamples.TemporaryDirectory("planted-night");
        planted = "mint+&'\"\\ planted-" + Guid.NewGuid().ToString("N")[..8];
        secrets = new Planted(planted + "db-" + Guid.NewGuid().ToString("N")[..12], planted + "url-" + Guid.NewGuid().ToString("N")[..12], planted + "cs-" + Guid.NewGuid().ToString("N")[..12]);

        // Learned the way the matrix learns them: an environment (settings, .env, docker inspect).
        Redactor.RegisterEntries([
            $"DB_PASS={secrets.Setting}",
            $"DATABASE_URL=postgres://mint:{Uri.EscapeDataString(secrets.InUrl)}@mint-os-postgres:5432/mint",
            $"ConnectionStrings__Main=Host=db;Username=mint;Password=\"{secrets.InConnectionString.Replace("\"", "\"\"", StringComparison.Ordinal)}\";Database=mint",
        ]);
    }

    [TearDown]
    public void RemoveNight() => Directory.Delete(night, recursive: true);

    [Test]
    public void NoWriterLetsThePlantedSecretIntoTheNight()
    {
        WriteEveryKindOfEvidence();

        Assert.Multiple(() =>
        {
            Assert.That(Directory.EnumerateFiles(night).Select(Path.GetFileName), Has.Some.EndsWith("-result.json").And.Some.EndsWith("-attachment.txt").And.Some.EqualTo(FaultCatalogue.TableFile),
                "the writers wrote their files (else this test proves nothing)");
            Assert.That(File.ReadAllText(Directory.EnumerateFiles(night, "*-attachment.txt").First(f => File.ReadAllText(f).Contains("DB_PASS", StringComparison.Ordinal))), Does.Contain("DB_PASS=***"),
                "the evidence is kept, the secret masked");
            Assert.That(PlantedSecretScan.Find(night, planted), Is.Empty, "the planted value, in any form, in a night file");
            Assert.That(SecretFingerprintScan.Find(night, SecretFingerprintScan.Read(night)!), Is.Empty, "a registered secret, by its fingerprint, in a night file");
        });
    }

    [Test]
    public void TheScansFindTheSecretWhenAWriterIsBypassed()
    {
        WriteEveryKindOfEvidence();
        File.WriteAllText(Path.Combine(night, "bypass-attachment.json"), JsonSerializer.Serialize(new { password = secrets.Setting }));

        Assert.Multiple(() =>
        {
            Assert.That(PlantedSecretScan.Find(night, planted), Is.EqualTo(new[] { "bypass-attachment.json (text)" }), "the planted scan finds the JSON-escaped value");
            Assert.That(SecretFingerprintScan.Find(night, SecretFingerprintScan.Read(night)!), Is.EqualTo(new[] { "bypass-attachment.json (text)" }), "the fingerprint scan finds it too");
        });
    }

    /// <summary>Results, steps, attachments, run files, the fault catalogue and the fingerprints, through the real writers.</summary>
    private void WriteEveryKindOfEvidence()
    {
        var spellings = secrets.Spellings();
        var check = new CheckResult("Pre-5", $"ssh as {secrets.Setting}")
            .Observe($"env DB_PASS={secrets.Setting}")
            .Attach(new Attachment("environment", string.Join(Environment.NewLine, spellings)))
            .Attach(new Attachment("response", JsonSerializer.Serialize(new { password = secrets.InUrl, dsn = secrets.Url }), "application/json"))
            .Fail($"psql: password {secrets.InConnectionString} rejected; {secrets.Url}");
        var root = new StepRecord("test");
        var step = root.Add(StepRecord.FromCheck(check));
        step.Parameter("password", secrets.Setting);
        step.Add(new StepRecord($"nested {secrets.InUrl}") { Message = secrets.Url, Trace = ShellQuote.Quote(secrets.Setting) });
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var writer = new AllureResultsWriter(night, EvidenceSamples.ChangeId);
        writer.Write(new TestRecord(EvidenceSamples.Identity("Pre-5", "Pre", $"Pre-5 with {secrets.Setting}"), new TestOutcome(AllureStatus.Failed, check.Describe(), secrets.Url, start, DateTimeOffset.UtcNow))
        {
            Evidence = root,
            Target = $"rehearsal {secrets.Setting}",
            Output = string.Join(Environment.NewLine, spellings),
        });
        writer.WriteRunFiles($"build {secrets.Setting}");
        FaultCatalogue.Record(new FaultOutcome($"wrong password {secrets.Setting}", ["Pre-5"], ["Pre-5"], [], [], true, check.Describe()), night);
        SecretFingerprints.Write(night);
    }

    private sealed record Planted(string Setting, string InUrl, string InConnectionString)
    {
        public string Url => $"postgres://mint:{Uri.EscapeDataString(InUrl)}@mint-os-postgres:5432/mint";

        /// <summary>How each secret shows up in a log: plain, JSON-escaped, percent-encoded, shell-quoted, in a connection string.</summary>
        public IReadOnlyList<string> Spellings() =>
        [
            $"DB_PASS={Setting}",
            JsonSerializer.Serialize(new { DB_PASS = Setting }),
            $"DATABASE_URL={Url}",
            $"decoded {InUrl}",
            $"PGPASSWORD={ShellQuote.Quote(Setting)} psql",
            $"Host=db;Password=\"{InConnectionString.Replace("\"", "\"\"", StringComparison.Ordinal)}\"",
            $"form {System.Net.WebUtility.UrlEncode(Setting)}",
        ];

        public override string ToString() => $"Planted {{ {Redactor.Mask} }}";
    }
}
