using System.Security.Cryptography;
using System.Text;
using Mint.Verification.Bundle;
using Mint.Verification.Evidence;
using Mint.Verification.Redaction;
using Mint.Verification.Testing;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>
/// The bundle tool refuses any secret the run registered, not only the planted one: the test
/// process hands it keyed hashes (HMAC-SHA-256 with the night's salt, never a value in clear) and
/// the tool matches every window of every bundle file.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class SecretFingerprintTests
{
    private string results = string.Empty;

    [SetUp]
    public void MakeDirectory() => results = EvidenceSamples.TemporaryDirectory("fingerprint-results");

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(results, recursive: true);

    [Test]
    public async Task ARegisteredSecretInAResultFileMakesTheBundleRefuseNamingTheFile()
    {
        var secret = "reg-" + Guid.NewGuid().ToString("N");
        Redactor.Register(secret);
        var bundle = Path.Combine(EvidenceSamples.TemporaryDirectory("fingerprint-bundle"), "bundle");
        try
        {
            var writer = new AllureResultsWriter(results, EvidenceSamples.ChangeId);
            EvidenceSamples.WriteRow(writer, "Post-1", "Post", EvidenceSamples.Passing("Post-1"));
            writer.WriteRunFiles("fingerprint self-test");
            // As if something wrote around the redactor (an attachment copied raw).
            File.WriteAllText(Path.Combine(results, "leak-attachment.txt"), $"DATABASE_URL=postgres://mint:{secret}@db/mint");

            var leak = await Assert.ThrowsAsync<SecretLeakException>(() => EvidenceBundle.MakeAsync(new BundleOptions(results, bundle, ChangeRecordTests.ChangePackPath)
            {
                RepositoryRoot = Mint.Verification.Settings.RepositoryRoot.Path,
            }));

            Assert.Multiple(() =>
            {
                Assert.That(leak!.Files, Is.EqualTo(new[] { "allure-results/leak-attachment.txt (text)" }), "the leaking file, and only it");
                Assert.That(leak.Message, Does.Not.Contain(secret), "the refusal must not print the secret");
                Assert.That(File.Exists(Path.Combine(bundle, "SHA256SUMS")), Is.False, "a refused bundle is never signed");
            });
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(bundle)!, recursive: true);
        }
    }

    [Test]
    public void TheFileHoldsKeyedHashesOnlyUnderTheNightsSaltAndStaysOutOfTheBundle()
    {
        var secret = "clear-" + Guid.NewGuid().ToString("N");
        Redactor.Register(secret);

        SecretFingerprints.Write(results);
        var lines = File.ReadAllLines(Path.Combine(results, SecretFingerprints.FileName)).Where(l => !l.StartsWith('#')).ToList();

        var salt = Convert.FromHexString(lines[1]["salt ".Length..]);
        var bytes = Encoding.UTF8.GetBytes(secret);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("format 2"), "the format is versioned");
            Assert.That(salt, Has.Length.EqualTo(32), "a 32-byte random salt");
            Assert.That(lines, Does.Contain($"{bytes.Length} {Convert.ToHexStringLower(HMACSHA256.HashData(salt, bytes))}"), "length and HMAC-SHA-256(salt, value)");
            Assert.That(lines.Skip(2).All(l => l.Split(' ') is [_, { Length: 64 }]), Is.True, "every fingerprint line is a length and one keyed hash, no prefilter");
            Assert.That(string.Concat(lines), Does.Not.Contain(secret), "never a value in clear");
            Assert.That(SecretFingerprints.FileName, Does.StartWith("."), "dot files are not copied into the bundle");
            Assert.That(SecretFingerprintScan.FileName, Is.EqualTo(SecretFingerprints.FileName), "writer and bundle tool agree on the file");
            Assert.That(SecretFingerprintScan.Read(results)!.Contains(Encoding.UTF8.GetBytes($"x {secret} y")), Is.True, "the scan finds the secret");
        });
    }

    [Test]
    public void TheSaltStaysForTheNightAndIsNewForTheNext()
    {
        var other = EvidenceSamples.TemporaryDirectory("fingerprint-other-night");
        try
        {
            Redactor.Register("salt-" + Guid.NewGuid().ToString("N"));
            SecretFingerprints.Write(results);
            var first = SaltOf(results);
            Redactor.Register("salt-" + Guid.NewGuid().ToString("N"));
            SecretFingerprints.Write(results);
            SecretFingerprints.Write(other);

            Assert.Multiple(() =>
            {
                Assert.That(SaltOf(results), Is.EqualTo(first), "a later invocation of the same night keeps its salt");
                Assert.That(SaltOf(other), Is.Not.EqualTo(first), "another night draws its own salt");
            });
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Test]
    public void ASecretShorterThanEightBytesGetsNoFingerprint()
    {
        var shortSecret = "s" + Guid.NewGuid().ToString("N")[..6];
        Redactor.Register(shortSecret);

        SecretFingerprints.Write(results);

        Assert.That(SecretFingerprintScan.Read(results)!.Contains(Encoding.UTF8.GetBytes(shortSecret)), Is.False,
            "a 7-byte value next to its salt could be brute-forced: it is left to the redactor and the planted-secret scan");
    }

    [Test]
    public void AnOldFormatFileIsRefusedByTheWriterAndTheBundleTool()
    {
        var path = Path.Combine(results, SecretFingerprints.FileName);
        File.WriteAllText(path, "# old\nsalt 00ff\n12 " + new string('a', 64) + " 00000000000000ff\n");

        var writer = Assert.Throws<InvalidOperationException>(() => SecretFingerprints.Write(results));
        var reader = Assert.Throws<BundleException>(() => SecretFingerprintScan.Read(results));

        Assert.Multiple(() =>
        {
            Assert.That(writer!.Message, Does.Contain("old fingerprint format").And.Contain("new night"), "the writer names the problem and the way out");
            Assert.That(reader!.Message, Does.Contain("old fingerprint format"), "the bundle tool refuses it too");
            Assert.That(File.ReadAllText(path), Does.Contain("salt 00ff"), "the old file is left for the operator, not rewritten");
        });
    }

    [Test]
    public void ASecretIsFoundAsTextJsonEscapedAndInBase64AndACleanFileIsNot()
    {
        var secret = "b64+&'\"\\ " + Guid.NewGuid().ToString("N");
        Redactor.Register(secret);
        var bundle = EvidenceSamples.TemporaryDirectory("fingerprint-scan-bundle");
        try
        {
            SecretFingerprints.Write(results);
            File.WriteAllText(Path.Combine(bundle, "clean.txt"), "nothing here but " + secret[..12] + " and " + Redactor.Redact(secret));
            File.WriteAllText(Path.Combine(bundle, "escaped.json"), System.Text.Json.JsonSerializer.Serialize(new { password = secret }));
            File.WriteAllText(Path.Combine(bundle, "leak.txt"), $"key {secret}.");
            File.WriteAllText(Path.Combine(bundle, "report.html"), $"data:{Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"x\":\"{secret}\"}}"))}");

            Assert.That(SecretFingerprintScan.Find(bundle, SecretFingerprintScan.Read(results)!), Is.EqualTo(new[] { "escaped.json (text)", "leak.txt (text)", "report.html (base64)" }),
                "every leaking file and only those");
        }
        finally
        {
            Directory.Delete(bundle, recursive: true);
        }
    }

    [Test]
    public void TheRenderersOwnAppIsPassedOverOnlyWhereItIsByteForByteTheVendorFile()
    {
        // A vendor file that happens to hold a secret proves its run is passed over; the same file
        // with one byte changed is scanned, and so is a secret that starts inside the run and reaches out of it.
        var inside = "vendor-" + Guid.NewGuid().ToString("N");
        // A length that is no multiple of 3: its encoding ends in padding, as the real app's does.
        var app = Encoding.UTF8.GetBytes($"/*app*/ var s = \"{inside}\"; " + new string('x', VendorAssets.MinimumSize));
        app = app.Length % 3 == 0 ? [.. app, (byte)' '] : app;
        var encoded = Convert.ToBase64String(app);
        var straddling = encoded[^6..] + "!" + Guid.NewGuid().ToString("N");
        Redactor.Register(inside);
        Redactor.Register(straddling);
        var changed = (byte[])app.Clone();
        changed[^1] = (byte)'y';
        var bundle = EvidenceSamples.TemporaryDirectory("fingerprint-vendor-bundle");
        try
        {
            SecretFingerprints.Write(results);
            const string Before = "<script src=\"data:text/javascript;base64,";
            File.WriteAllText(Path.Combine(bundle, "app.html"), $"{Before}{encoded}\"></script>");
            File.WriteAllText(Path.Combine(bundle, "changed.html"), $"{Before}{Convert.ToBase64String(changed)}\"></script>");
            File.WriteAllText(Path.Combine(bundle, "straddling.html"), $"{Before}{encoded}{straddling[6..]}\"></script>");
            var fingerprints = SecretFingerprintScan.Read(results)!;

            Assert.Multiple(() =>
            {
                Assert.That(SecretFingerprintScan.Find(bundle, fingerprints, vendor: VendorAssets.Of(app)), Is.EqualTo(new[] { "changed.html (base64)", "straddling.html (text)" }),
                    "only the run that is exactly the vendor file is passed over, and only the windows wholly inside it");
                Assert.That(SecretFingerprintScan.Find(bundle, fingerprints), Is.EqualTo(new[] { "app.html (base64)", "changed.html (base64)", "straddling.html (text)" }),
                    "without the vendor files every run is scanned");
            });
        }
        finally
        {
            Directory.Delete(bundle, recursive: true);
        }
    }

    private static string SaltOf(string directory) =>
        File.ReadAllLines(Path.Combine(directory, SecretFingerprints.FileName)).Single(l => l.StartsWith("salt ", StringComparison.Ordinal));
}
