using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;

namespace Mint.Verification.SelfTests;

/// <summary>.env.prod in compose's single-quoted form: a '$' is never expanded; what compose cannot hold is refused naming the key, never the value.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class EnvFileFormatTests
{
    [Test]
    public void ValuesAreSingleQuotedSoADollarIsLiteral()
    {
        var content = EnvFileFormat.Render([KeyValuePair.Create("DATABASE_URL", "postgres://mint:pa$word${X}@db/mint"), KeyValuePair.Create("ARTWORK_TAG", "0ce4de6")]);

        Assert.That(content, Is.EqualTo("DATABASE_URL='postgres://mint:pa$word${X}@db/mint'\nARTWORK_TAG='0ce4de6'\n"));
    }

    [TestCase("line1\nline2", "contains a newline")]
    [TestCase("carriage\rreturn", "contains a newline")]
    [TestCase("it's", "contains a single quote")]
    [TestCase("ends\\", "ends with a backslash")]
    public void WhatComposeCannotHoldIsRefusedNamingTheKeyNeverTheValue(string value, string reason)
    {
        var refusal = Assert.Throws<StepFailedException>(() => EnvFileFormat.Render([KeyValuePair.Create("MINIO_SECRET_KEY", value)]));

        Assert.That(refusal!.Message, Does.Contain("MINIO_SECRET_KEY").And.Contain(reason).And.Not.Contain(value));
    }
}
