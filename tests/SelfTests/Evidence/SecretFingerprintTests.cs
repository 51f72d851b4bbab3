using Mint.Verification.Bundle;
using Mint.Verification.Evidence;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>
/// The bundle tool refuses any secret the run registered, not only the planted one: the test
/// process hands it salted hashes (never a value in clear) and the tool matches every substring.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class SecretFingerprintTests
{
    [Test]
    public async Task ARegisteredSecretInAResultFileMakesTheBundleRefuseNamingTheFile()
    {
        var secret = "reg-" + Guid.NewGuid().ToString("N");
        Redactor.Register(secret);
        var results = EvidenceSamples.TemporaryDirectory("fingerprint-results");
        var bundle = Path.Combine(EvidenceSamples.TemporaryDirectory("fingerprint-bundle"), "bundle");
        try
        {
            var writer = new AllureResultsWriter(results);
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
                Assert.That(leak!.Files, Is.EqualTo(new[] { "allure-results/leak-attachment.txt (text)" }));
                Assert.That(leak.Message, Does.Not.Contain(secret));
                Assert.That(File.Exists(Path.Combine(bundle, "SHA256SUMS")), Is.False, "a refused bundle is never signed");
            });
        }
        finally
        {
            Directory.Delete(results, recursive: true);
            Directory.Delete(Path.GetDirectoryName(bundle)!, recursive: true);
        }
    }

    [Test]
    public void TheFingerprintFileHoldsNoSecretInClearAndStaysOutOfTheBundle()
    {
        var secret = "clear-" + Guid.NewGuid().ToString("N");
        Redactor.Register(secret);
        var results = EvidenceSamples.TemporaryDirectory("fingerprint-file");
        try
        {
            SecretFingerprints.Write(results);
            var text = File.ReadAllText(Path.Combine(results, SecretFingerprints.FileName));

            Assert.Multiple(() =>
            {
                Assert.That(text, Does.Not.Contain(secret));
                Assert.That(SecretFingerprints.FileName, Does.StartWith("."), "dot files are not copied into the bundle");
                Assert.That(SecretFingerprintScan.FileName, Is.EqualTo(SecretFingerprints.FileName), "writer and bundle tool agree on the file");
                Assert.That(SecretFingerprintScan.Read(results)!.Contains(System.Text.Encoding.UTF8.GetBytes($"x {secret} y")), Is.True);
            });
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }

    [Test]
    public void ASecretIsFoundAsTextAndInBase64AndACleanFileIsNot()
    {
        var secret = "b64-" + Guid.NewGuid().ToString("N");
        Redactor.Register(secret);
        var results = EvidenceSamples.TemporaryDirectory("fingerprint-scan");
        var bundle = EvidenceSamples.TemporaryDirectory("fingerprint-scan-bundle");
        try
        {
            SecretFingerprints.Write(results);
            File.WriteAllText(Path.Combine(bundle, "clean.txt"), "nothing here but " + secret[..10]);
            File.WriteAllText(Path.Combine(bundle, "leak.txt"), $"key {secret}.");
            File.WriteAllText(Path.Combine(bundle, "report.html"), $"data:{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{{\"x\":\"{secret}\"}}"))}");

            Assert.That(SecretFingerprintScan.Find(bundle, SecretFingerprintScan.Read(results)!), Is.EqualTo(new[] { "leak.txt (text)", "report.html (base64)" }));
        }
        finally
        {
            Directory.Delete(results, recursive: true);
            Directory.Delete(bundle, recursive: true);
        }
    }
}
