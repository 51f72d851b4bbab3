using Mint.Verification.Redaction;
using Mint.Verification.Remote;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>What a container environment read from the host registers with the redactor: secret-named keys and the passwords inside URLs and connection strings.</summary>
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
    [TestCase("DB_PASS", true)]
    [TestCase("db_pass", true)]
    [TestCase("MSSQL_SA_PWD", true)]
    [TestCase("Pwd", true)]
    [TestCase("AWS_CREDENTIALS", true)]
    [TestCase("SENTRY_DSN", true)]
    [TestCase("PGPASSFILE", true)]
    [TestCase("PWD", false)]
    [TestCase("OLDPWD", false)]
    [TestCase("POSTGRES_USER", false)]
    [TestCase("MINIO_ENDPOINT", false)]
    [TestCase("MINIO_BUCKET", false)]
    [TestCase("ARTWORK_TAG", false)]
    public void SecretLookingKeys(string key, bool secret) => Assert.That(SecretSources.IsSecretKey(key), Is.EqualTo(secret), $"is {key} secret-named");

    [Test]
    public void AnEnvironmentRegistersItsSecretsAndThePasswordInsideTheUrl()
    {
        var password = "p%40ss" + Guid.NewGuid().ToString("N")[..12];
        var key = "k-" + Guid.NewGuid().ToString("N");
        var endpoint = "minio-" + Guid.NewGuid().ToString("N")[..8] + ":9000";

        Redactor.RegisterEntries([$"DATABASE_URL=postgres://mint:{password}@mint-os-postgres:5432/mint", $"API_KEY={key}", $"MINIO_ENDPOINT={endpoint}", "NOEQUALS"]);

        Assert.Multiple(() =>
        {
            Assert.That(Redactor.Redact($"psql: password {password} rejected"), Is.EqualTo("psql: password *** rejected"));
            Assert.That(Redactor.Redact($"decoded {Uri.UnescapeDataString(password)}"), Is.EqualTo("decoded ***"));
            Assert.That(Redactor.Redact($"401 for {key}"), Is.EqualTo("401 for ***"));
            Assert.That(Redactor.Redact($"connecting to {endpoint}"), Is.EqualTo($"connecting to {endpoint}"), "an endpoint is evidence, not a secret");
        });
    }

    [Test]
    public void APasswordInsideAConnectionStringOrAnyUrlIsRegisteredWhateverTheKey()
    {
        var quoted = "c;\"" + Guid.NewGuid().ToString("N")[..10];
        var plain = "cs" + Guid.NewGuid().ToString("N")[..10];
        var inUrl = "u" + Guid.NewGuid().ToString("N")[..10];
        var workingDirectory = "/srv/" + Guid.NewGuid().ToString("N");

        Redactor.RegisterEntries([
            $"ConnectionStrings__Main=Host=db;Username=mint;Password=\"{quoted.Replace("\"", "\"\"", StringComparison.Ordinal)}\";Database=mint",
            $"LEGACY=Server=db;Pwd={plain}",
            $"UPSTREAM=https://svc:{inUrl}@example.invalid/api",
            $"PWD={workingDirectory}",
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(Redactor.Redact($"auth failed for {quoted}"), Is.EqualTo("auth failed for ***"), "a quoted Password= value, unquoted");
            Assert.That(Redactor.Redact($"auth failed for {plain}"), Is.EqualTo("auth failed for ***"), "Pwd=");
            Assert.That(Redactor.Redact($"401 with {inUrl}"), Is.EqualTo("401 with ***"), "a URL's password under a key that is not secret-named");
            Assert.That(Redactor.Redact($"cd {workingDirectory}"), Is.EqualTo($"cd {workingDirectory}"), "the shell's PWD is a path, not a password");
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
