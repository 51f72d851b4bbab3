using Mint.Verification.Evidence;
using Mint.Verification.Remote;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>What a container environment read from the host registers with the redactor: secret-looking keys and the password inside URLs.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class ContainerSecretsTests
{
    [TestCase("API_KEY", true)]
    [TestCase("MINIO_ACCESS_KEY", true)]
    [TestCase("MINIO_SECRET_KEY", true)]
    [TestCase("POSTGRES_PASSWORD", true)]
    [TestCase("DATABASE_URL", true)]
    [TestCase("GITHUB_TOKEN", true)]
    [TestCase("MINIO_ENDPOINT", false)]
    [TestCase("MINIO_BUCKET", false)]
    [TestCase("ARTWORK_TAG", false)]
    public void SecretLookingKeys(string key, bool secret) => Assert.That(ContainerSecrets.IsSecretKey(key), Is.EqualTo(secret), key);

    [Test]
    public void AnEnvironmentRegistersItsSecretsAndThePasswordInsideTheUrl()
    {
        var password = "p%40ss" + Guid.NewGuid().ToString("N")[..12];
        var key = "k-" + Guid.NewGuid().ToString("N");
        var endpoint = "minio-" + Guid.NewGuid().ToString("N")[..8] + ":9000";

        ContainerSecrets.Register([$"DATABASE_URL=postgres://mint:{password}@mint-os-postgres:5432/mint", $"API_KEY={key}", $"MINIO_ENDPOINT={endpoint}", "NOEQUALS"]);

        Assert.Multiple(() =>
        {
            Assert.That(Redactor.Redact($"psql: password {password} rejected"), Is.EqualTo("psql: password *** rejected"));
            Assert.That(Redactor.Redact($"decoded {Uri.UnescapeDataString(password)}"), Is.EqualTo("decoded ***"));
            Assert.That(Redactor.Redact($"401 for {key}"), Is.EqualTo("401 for ***"));
            Assert.That(Redactor.Redact($"connecting to {endpoint}"), Is.EqualTo($"connecting to {endpoint}"), "an endpoint is evidence, not a secret");
        });
    }

    [Test]
    public void DockerInspectOutputIsParsedAndAnErrorLineIsIgnored()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ContainerSecrets.Parse("[\"A=1\",\"B=2\"]"), Is.EqualTo(new[] { "A=1", "B=2" }));
            Assert.That(ContainerSecrets.Parse("Error: No such object: files-api"), Is.Empty);
        });
    }
}
