using System.Reflection;
using System.Runtime.CompilerServices;
using Mint.Verification.Remote;
using Mint.Verification.Settings;
using Mint.Verification.Targets;
using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>
/// A record prints its members in its generated ToString, so one holding a secret would print it
/// in any message or log that shows the record. Each such record must print the mask instead.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class SecretRecordTests
{
    [Test]
    public void EveryRecordWithASecretMemberDeclaresItsOwnToString()
    {
        var generated = typeof(VerificationSettings).Assembly.GetTypes()
            .Where(IsRecord)
            .Where(type => type.GetProperties().Any(IsSecretMember))
            .Where(type => type.GetMethod(nameof(ToString), Type.EmptyTypes) is not { } method
                || method.DeclaringType != type || method.GetCustomAttribute<CompilerGeneratedAttribute>() is not null)
            .Select(type => type.FullName)
            .ToList();

        Assert.That(generated, Is.Empty, "records with a secret member whose ToString is the generated one (it would print the secret)");
    }

    [Test]
    public void EachSecretRecordPrintsTheMask()
    {
        var secret = "rec-" + Guid.NewGuid().ToString("N");
        var pair = SshKeyPair.Generate("self-test");
        var world = new WorldSecrets(secret, secret, secret, secret, secret);
        object[] records =
        [
            new SecretSettings("FILES_API_KEY", "ORDER_INTAKE_API_KEY", secret, secret),
            world,
            pair,
            new SshTarget("127.0.0.1", 22, "u", "SHA256:x", pair.PrivateKeyPem, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)),
            new HostWorldState("hw", world, pair, "SHA256:x", 22),
            new TargetUnderTest("t", new ModuleEndpoints(new Uri("http://127.0.0.1:1"), new Uri("http://127.0.0.1:2"), new Uri("http://127.0.0.1:3")), secret, secret),
        ];

        Assert.Multiple(() =>
        {
            foreach (var record in records)
            {
                var text = record.ToString()!;
                Assert.That(text, Does.Not.Contain(secret).And.Not.Contain("PRIVATE KEY").And.Contain("***"), record.GetType().Name);
            }
        });
    }

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;

    /// <summary>A string member named like a secret; names of variables, sources, headers, files and public halves are not secrets.</summary>
    private static bool IsSecretMember(PropertyInfo property) =>
        property.PropertyType == typeof(string)
        && new[] { "Key", "Secret", "Password", "Pem" }.Any(word => property.Name.Contains(word, StringComparison.Ordinal))
        && !new[] { "Variable", "Source", "Header", "Line", "Sha256", "File" }.Any(suffix => property.Name.EndsWith(suffix, StringComparison.Ordinal));
}
