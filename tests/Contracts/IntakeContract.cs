using System.Net;
using System.Text.Json.Nodes;

namespace Mint.Verification.Contracts;

/// <summary>order-intake's intake: normalisation, the created seed, the schema, 422 for an invalid contract.</summary>
[TestFixture]
[Category("Contract")]
public sealed class IntakeContract
{
    [Test]
    public async Task IntakeStoresTheNormalisedContractInFilesApi()
    {
        var target = await ContractCalls.TargetAsync();

        var intake = await IntakeChecks.SubmitAsync("contract", target, ContractCalls.Http, MatrixRun.Current.Settings.Payloads, "intake contract");
        var seed = await IntakeChecks.ReadSeedAsync("contract", target, ContractCalls.Http, intake);

        Assert.Multiple(() =>
        {
            Assert.That(intake.Result.Problems, Is.Empty, intake.Result.Describe());
            Assert.That(seed.Problems, Is.Empty, seed.Describe());
        });
    }

    [Test]
    public async Task InvalidIntakeIs422AndCreatesNothing()
    {
        var target = await ContractCalls.TargetAsync();
        // A marker only this request carries: other contract tests create seeds at the same time.
        var marker = $"invalid-intake-{Guid.NewGuid():N}";
        var contract = MatrixRun.Current.Settings.Payloads.Invalid();
        contract["notes"] = marker;
        var before = await SeedsMarkedAsync(marker);

        var exchange = await ContractCalls.Http.PostJsonAsync(
            new Uri(target.Endpoints.OrderIntake, "/api/v1/intake"), contract.ToJsonString(), ContractCalls.Key(target, target.OrderIntakeApiKey));
        var body = ContractCalls.Json(exchange);
        var after = await SeedsMarkedAsync(marker);

        Assert.Multiple(() =>
        {
            Assert.That(exchange.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), exchange.Transcript());
            Assert.That(body.ContainsKey("seed_id"), Is.False, "an invalid contract must not answer with a seed");
            Assert.That((before, after), Is.EqualTo((0L, 0L)), "an invalid contract must not create a seed (counted in artwork_seeds, any column)");
        });
    }

    [Test]
    public async Task SchemaPublishesTheContract()
    {
        var target = await ContractCalls.TargetAsync();

        var result = await SchemaCheck.RunAsync("contract", target, ContractCalls.Http);

        Assert.That(result.Problems, Is.Empty, result.Describe());
    }

    [Test]
    public async Task SchemaDescribesTheDecorationEnum()
    {
        var target = await ContractCalls.TargetAsync();

        var schema = ContractCalls.Json(await ContractCalls.Http.GetAsync(new Uri(target.Endpoints.OrderIntake, "/api/v1/intake/schema")));
        var decoration = schema["properties"]?["decoration_type"]?.ToJsonString() ?? "absent";

        Assert.That(decoration, Does.Contain("screen_print").And.Contain("heat_transfer"), "decoration_type in the schema: " + decoration);
    }

    [Test]
    public async Task NormalisedMetadataIsReturnedByIntake()
    {
        var target = await ContractCalls.TargetAsync();
        var payload = new JsonObject { ["product"] = "  Polo ", ["quantity"] = 7, ["decoration_type"] = "HEAT_TRANSFER " };

        var exchange = await ContractCalls.Http.PostJsonAsync(
            new Uri(target.Endpoints.OrderIntake, "/api/v1/intake"), payload.ToJsonString(), ContractCalls.Key(target, target.OrderIntakeApiKey));
        var metadata = ContractCalls.Json(exchange)["metadata"];

        Assert.Multiple(() =>
        {
            Assert.That(exchange.Status, Is.EqualTo(HttpStatusCode.Created), exchange.Transcript());
            Assert.That(JsonNode.DeepEquals(metadata, IntakePayloads.Normalised(payload)), Is.True, $"metadata {metadata?.ToJsonString()}");
        });
    }

    /// <summary>Seeds whose row, as text (any column, metadata included), holds the marker: counted in the world's database itself.</summary>
    private static async Task<long> SeedsMarkedAsync(string marker)
    {
        var world = await MatrixRun.Current.ModuleWorldAsync();
        await using var connection = new Npgsql.NpgsqlConnection(world.Postgres.GetConnectionString());
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM artwork_seeds s WHERE s::text LIKE '%' || @marker || '%'", connection);
        command.Parameters.AddWithValue("marker", marker);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }
}
