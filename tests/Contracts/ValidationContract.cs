using System.Net;

namespace Mint.Verification.Contracts;

/// <summary>Every rule of the customer contract, one case each: valid ones give 200, invalid ones 422 naming the field.</summary>
[TestFixture]
[Category("Contract")]
public sealed class ValidationContract
{
    private const string Base = "\"product\":\"Tee\",\"decoration_type\":\"dtg\"";

    [TestCase("1")]
    [TestCase("250")]
    [TestCase("\"50-100\"")]
    [TestCase("\"10-10\"")]
    public async Task QuantityFormsAreAccepted(string quantity) =>
        await ExpectValid($"{{{Base},\"quantity\":{quantity}}}");

    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("2.5")]
    [TestCase("\"100-50\"")]
    [TestCase("\"0-10\"")]
    [TestCase("\"many\"")]
    [TestCase("null")]
    public async Task BadQuantitiesAreRejected(string quantity) =>
        await ExpectInvalid($"{{{Base},\"quantity\":{quantity}}}", "quantity");

    [TestCase("screen_print")]
    [TestCase("embroidery")]
    [TestCase("dtg")]
    [TestCase("heat_transfer")]
    [TestCase("vinyl")]
    [TestCase("Embroidery")]
    public async Task DecorationTypesAreAccepted(string decoration) =>
        await ExpectValid($"{{\"product\":\"Tee\",\"quantity\":5,\"decoration_type\":\"{decoration}\"}}");

    [Test]
    public async Task UnknownDecorationTypeIsRejected() =>
        await ExpectInvalid("{\"product\":\"Tee\",\"quantity\":5,\"decoration_type\":\"laser\"}", "decoration_type");

    [TestCase("{\"quantity\":5,\"decoration_type\":\"dtg\"}", "product")]
    [TestCase("{\"product\":\"   \",\"quantity\":5,\"decoration_type\":\"dtg\"}", "product")]
    [TestCase("{\"product\":\"Tee\",\"decoration_type\":\"dtg\"}", "quantity")]
    [TestCase("{\"product\":\"Tee\",\"quantity\":5}", "decoration_type")]
    public async Task RequiredKeysAreEnforced(string json, string field) =>
        await ExpectInvalid(json, field);

    [TestCase("\"colour\":\"red\"", "colour")]
    [TestCase("\"garment\":{\"fabric\":\"silk\"}", "garment.fabric")]
    [TestCase("\"delivery\":{\"method\":\"drone\"}", "delivery.method")]
    [TestCase("\"supplied_by\":\"nobody\"", "supplied_by")]
    public async Task UnknownKeysAndBadOptionalValuesAreRejected(string extra, string field) =>
        await ExpectInvalid($"{{{Base},\"quantity\":5,{extra}}}", field);

    [Test]
    public async Task EveryErrorIsReportedAtOnce()
    {
        var (status, body, exchange) = await ContractCalls.ValidateAsync("{\"quantity\":0,\"decoration_type\":\"laser\"}");

        Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), exchange.Transcript());
        Assert.That(ValidationChecks.ErrorFields(body!), Is.SupersetOf(new[] { "product", "quantity", "decoration_type" }), exchange.Transcript());
    }

    [TestCase("{\"product\":")]
    [TestCase("not json")]
    public async Task MalformedJsonIs400(string json)
    {
        var (status, _, exchange) = await ContractCalls.ValidateAsync(json);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), exchange.Transcript());
    }

    private static async Task ExpectValid(string json)
    {
        var (status, body, exchange) = await ContractCalls.ValidateAsync(json);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), exchange.Transcript());
            Assert.That(body?["valid"]?.GetValue<bool>(), Is.True, exchange.Transcript());
        });
    }

    private static async Task ExpectInvalid(string json, string field)
    {
        var (status, body, exchange) = await ContractCalls.ValidateAsync(json);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), exchange.Transcript());
            Assert.That(body?["valid"]?.GetValue<bool>(), Is.False, exchange.Transcript());
            Assert.That(body is null ? [] : ValidationChecks.ErrorFields(body), Does.Contain(field), exchange.Transcript());
        });
    }
}
