using Mint.Verification.Evidence;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>The redactor masks every registered value, the longest first, and leaves short values alone.</summary>
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

        Assert.That(text, Is.EqualTo("X-API-Key: ***; other ***."));
    }

    [Test]
    public void IgnoresValuesShorterThanSixCharacters()
    {
        Redactor.Register("ok", "12345", null, string.Empty);

        Assert.That(Redactor.Redact("status ok on 12345"), Is.EqualTo("status ok on 12345"));
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
    public void RowAssertMessagesAreMasked()
    {
        var secret = "pg-" + Guid.NewGuid().ToString("N");
        Redactor.Register(secret);
        var check = new CheckResult("Post-1", "files-api health").Fail($"password {secret} rejected");

        var failure = Assert.Throws<AssertionException>(() => RowAssert.Passed(check));

        Assert.That(failure!.Message, Does.Contain("password *** rejected").And.Not.Contain(secret));
    }
}
