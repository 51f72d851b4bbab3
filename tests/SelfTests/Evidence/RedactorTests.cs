using System.Text.Json;
using System.Text.Json.Nodes;
using Mint.Verification.Redaction;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>
/// The redactor masks every registered value (the longest first) in every encoded form; a short
/// value only as a whole token or in a secret context, so evidence is not shredded.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class RedactorTests
{
    [Test]
    public void MasksEveryRegisteredValueLongestFirst()
    {
        var key = "oi-" + Guid.NewGuid().ToString("N");
        var longer = key + "-suffix";
        Redactor.Register(key, longer);

        var text = Redactor.Redact($"X-API-Key: {longer}; other {key}.");

        Assert.That(text, Is.EqualTo("X-API-Key: ***; other ***."), "a value containing another must be masked whole");
    }

    [Test]
    public void AWorldThatDidNotStartShowsItsContainersLogsWithoutItsSecrets()
    {
        // CI saw it: a host world whose first SSH connection failed printed the S3 server's log tail,
        // access key included, as every affected test's failure message.
        var key = "planted" + Guid.NewGuid().ToString("N");
        Redactor.Register(key);

        var failure = new Worlds.WorldStartException($"The rehearsal host world could not be built: ...{Environment.NewLine}  /mint-hw-s3:{Environment.NewLine}    | s3-server: access key {key}; signature V4 checked");

        Assert.That(failure.Message, Does.Not.Contain(key).And.Contain("s3-server: access key ***"));
    }

    [Test]
    public void AFourOrFiveCharacterValueIsMaskedOnlyAsAWholeToken()
    {
        var value = "Z" + Guid.NewGuid().ToString("N")[..3];
        Redactor.Register(value);

        Assert.Multiple(() =>
        {
            Assert.That(Redactor.Redact($"password {value} rejected"), Is.EqualTo("password *** rejected"), "a short secret standing alone");
            Assert.That(Redactor.Redact($"'{value}'"), Is.EqualTo("'***'"), "a short secret in quotes");
            Assert.That(Redactor.Redact($"x{value}y {value}-os-postgres"), Is.EqualTo($"x{value}y {value}-os-postgres"), "inside a longer word or name it is evidence, not the secret");
        });
    }

    [Test]
    public void AValueOfOneToThreeCharactersIsMaskedOnlyWhereItIsASecret()
    {
        var value = "q" + Guid.NewGuid().ToString("N")[..2];
        Redactor.Register(value);

        Assert.Multiple(() =>
        {
            Assert.That(Redactor.Redact($"DB_PASS={value} then"), Is.EqualTo("DB_PASS=*** then"), "KEY=value");
            Assert.That(Redactor.Redact($"{{\"db_pwd\": \"{value}\"}}"), Is.EqualTo("{\"db_pwd\": \"***\"}"), "a JSON member");
            Assert.That(Redactor.Redact($"postgres://mint:{value}@db/mint"), Is.EqualTo("postgres://mint:***@db/mint"), "a URL's password");
            Assert.That(Redactor.Redact($"Host=db;Password={value};"), Is.EqualTo("Host=db;Password=***;"), "a connection string's password");
            Assert.That(Redactor.Redact($"status {value} ok"), Is.EqualTo($"status {value} ok"), "elsewhere a 1-3 character value is left, or the output would be shredded");
        });
    }

    [Test]
    public void NothingIsLearnedFromNullOrEmpty()
    {
        var before = Redactor.Count;

        Redactor.Register(null, string.Empty, "   ");

        Assert.That(Redactor.Count, Is.EqualTo(before), "blank values are not secrets");
    }

    [Test]
    public void MasksAPemKeyWholeAndLineByLine()
    {
        var body = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var pem = $"-----BEGIN RSA PRIVATE KEY-----\n{body[..20]}\n{body[20..]}\n-----END RSA PRIVATE KEY-----\n";
        Redactor.Register(pem);

        Assert.Multiple(() =>
        {
            Assert.That(Redactor.Redact("key:\n" + pem), Is.EqualTo("key:\n***\n"));
            Assert.That(Redactor.Redact($"line \"{body[20..]}\""), Is.EqualTo("line \"***\""));
            Assert.That(Redactor.Redact("-----BEGIN RSA PRIVATE KEY-----"), Is.EqualTo("-----BEGIN RSA PRIVATE KEY-----"));
        });
    }

    [Test]
    public void EveryEncodedFormOfASecretIsMasked()
    {
        var secret = "e+&'\"\\ " + Guid.NewGuid().ToString("N")[..10];
        Redactor.Register(secret);

        Assert.Multiple(() =>
        {
            foreach (var form in new[]
            {
                JsonSerializer.Serialize(secret),
                JsonSerializer.Serialize(secret, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
                Uri.EscapeDataString(secret),
                System.Net.WebUtility.UrlEncode(secret),
                Mint.Verification.Remote.ShellQuote.Quote(secret),
            })
            {
                Assert.That(Redactor.Redact($"x {form} y"), Does.Not.Contain(secret[7..]), $"the form {form.Length} characters long still shows the secret");
            }
        });
    }

    [Test]
    public void AJsonTreeIsRedactedBeforeItIsSerialised()
    {
        var secret = "j+&'\"\\ " + Guid.NewGuid().ToString("N")[..10];
        Redactor.Register(secret);
        var tree = new JsonObject { ["env"] = new JsonArray($"DB_PASS={secret}"), ["nested"] = new JsonObject { ["value"] = secret, ["port"] = 5432 } };

        var json = Redactor.Redact(tree)!.ToJsonString();

        Assert.That(json, Is.EqualTo("{\"env\":[\"DB_PASS=***\"],\"nested\":{\"value\":\"***\",\"port\":5432}}"), "every string value masked, numbers kept");
    }

    [Test]
    public void RowAssertMessagesAreMasked()
    {
        var secret = "pg-" + Guid.NewGuid().ToString("N");
        Redactor.Register(secret);
        var check = new CheckResult("Post-1", "files-api health").Fail($"password {secret} rejected");

        var failure = Assert.Throws<AssertionException>(() => RowAssert.Passed(check));

        Assert.That(failure!.Message, Does.Contain("password *** rejected").And.Not.Contain(secret), "a row's failure message is evidence");
    }
}
