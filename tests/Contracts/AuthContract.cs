using System.Net;

namespace Mint.Verification.Contracts;

/// <summary>The authenticated endpoints refuse a missing or wrong key with 401.</summary>
[TestFixture]
[Category("Contract")]
public sealed class AuthContract
{
    [TestCase(null, TestName = "FilesApiSeedsWithoutKeyIs401")]
    [TestCase("wrong-key", TestName = "FilesApiSeedsWithWrongKeyIs401")]
    public async Task FilesApiRefusesBadKey(string? key)
    {
        var target = await ContractCalls.TargetAsync();

        var exchange = await ContractCalls.Http.GetAsync(new Uri(target.Endpoints.FilesApi, "/api/v1/seeds"), ContractCalls.Key(target, key));

        Assert.That(exchange.Status, Is.EqualTo(HttpStatusCode.Unauthorized), exchange.Transcript());
    }

    [TestCase(null, TestName = "IntakeWithoutKeyIs401")]
    [TestCase("wrong-key", TestName = "IntakeWithWrongKeyIs401")]
    public async Task OrderIntakeRefusesBadKey(string? key)
    {
        var target = await ContractCalls.TargetAsync();
        var payload = MatrixRun.Current.Settings.Payloads.Intake("auth contract").ToJsonString();

        var exchange = await ContractCalls.Http.PostJsonAsync(new Uri(target.Endpoints.OrderIntake, "/api/v1/intake"), payload, ContractCalls.Key(target, key));

        Assert.That(exchange.Status, Is.EqualTo(HttpStatusCode.Unauthorized), exchange.Transcript());
    }

    [Test]
    public async Task ValidateNeedsNoKey()
    {
        var (status, _, exchange) = await ContractCalls.ValidateAsync(MatrixRun.Current.Settings.Payloads.Valid("no key").ToJsonString());

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), exchange.Transcript());
    }
}
