using System.Net;
using System.Text.Json.Nodes;
using Mint.Verification.Database;

namespace Mint.Verification.Contracts;

/// <summary>files-api's seed endpoints: create, read, 404, the line-item filter, metadata merge, NULL metadata.</summary>
[TestFixture]
[Category("Contract")]
public sealed class SeedsContract
{
    [Test]
    public async Task PreExistingSeedReadsWithNullMetadata()
    {
        var target = await ContractCalls.TargetAsync();

        var exchange = await ContractCalls.GetSeedAsync(target, SqlScripts.PreExistingSeedIds[0].ToString());
        var seed = ContractCalls.Json(exchange);

        Assert.Multiple(() =>
        {
            Assert.That(exchange.Status, Is.EqualTo(HttpStatusCode.OK), exchange.Transcript());
            Assert.That(seed.ContainsKey("metadata") && seed["metadata"] is null, Is.True, "metadata must be present and null: " + seed.ToJsonString());
            Assert.That(seed["has_line_item"]?.GetValue<bool>(), Is.False, seed.ToJsonString());
        });
    }

    [Test]
    public async Task CreatedSeedIsPendingAndReadable()
    {
        var target = await ContractCalls.TargetAsync();

        var created = await ContractCalls.CreateSeedAsync(target, new JsonObject { ["source"] = "quote_form", ["request_text"] = "contract", ["from_email"] = "c@example.invalid" });
        var seed = ContractCalls.Json(created);
        var read = ContractCalls.Json(await ContractCalls.GetSeedAsync(target, seed["id"]!.GetValue<string>()));

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Transcript());
            Assert.That(seed["status"]?.GetValue<string>(), Is.EqualTo("pending"));
            Assert.That(JsonNode.DeepEquals(read, seed), Is.True, $"read {read.ToJsonString()} differs from created {seed.ToJsonString()}");
        });
    }

    [TestCase("/api/v1/seeds/9f0c4c2e-0000-4000-8000-000000000000")]
    [TestCase("/api/v1/seeds/not-a-uuid")]
    public async Task UnknownSeedIs404(string path)
    {
        var target = await ContractCalls.TargetAsync();

        var exchange = await ContractCalls.Http.GetAsync(new Uri(target.Endpoints.FilesApi, path), ContractCalls.Key(target, target.FilesApiKey));

        Assert.Multiple(() =>
        {
            Assert.That(exchange.Status, Is.EqualTo(HttpStatusCode.NotFound), exchange.Transcript());
            Assert.That(ContractCalls.Json(exchange)["error"]?.GetValue<string>(), Is.EqualTo("not_found"));
        });
    }

    [Test]
    public async Task MetadataMergeSatisfiesTheLineItemGate()
    {
        var target = await ContractCalls.TargetAsync();
        var seed = ContractCalls.Json(await ContractCalls.CreateSeedAsync(target, new JsonObject { ["source"] = "quote_form", ["metadata"] = new JsonObject { ["product"] = "Hoodie" } }));
        var id = seed["id"]!.GetValue<string>();
        Assert.That(seed["has_line_item"]?.GetValue<bool>(), Is.False, "product alone must not satisfy the gate");

        var merge = await ContractCalls.Http.PostJsonAsync(
            new Uri(target.Endpoints.FilesApi, $"/api/v1/seeds/{id}/metadata"),
            new JsonObject { ["quantity"] = 12, ["decoration_type"] = "vinyl" }.ToJsonString(),
            ContractCalls.Key(target, target.FilesApiKey));
        var merged = ContractCalls.Json(merge);

        Assert.Multiple(() =>
        {
            Assert.That(merge.Status, Is.EqualTo(HttpStatusCode.OK), merge.Transcript());
            Assert.That(merged["metadata"]?["product"]?.GetValue<string>(), Is.EqualTo("Hoodie"), "merge must keep existing keys");
            Assert.That(merged["metadata"]?["quantity"]?.GetValue<int>(), Is.EqualTo(12));
            Assert.That(merged["has_line_item"]?.GetValue<bool>(), Is.True, merged.ToJsonString());
        });
    }

    [Test]
    public async Task MergeIntoUnknownSeedIs404()
    {
        var target = await ContractCalls.TargetAsync();

        var exchange = await ContractCalls.Http.PostJsonAsync(
            new Uri(target.Endpoints.FilesApi, "/api/v1/seeds/9f0c4c2e-0000-4000-8000-000000000001/metadata"), "{\"product\":\"x\"}", ContractCalls.Key(target, target.FilesApiKey));

        Assert.That(exchange.Status, Is.EqualTo(HttpStatusCode.NotFound), exchange.Transcript());
    }

    [Test]
    public async Task NeedsLineItemFilterListsOnlyUnsatisfiedSeeds()
    {
        var target = await ContractCalls.TargetAsync();
        var open = ContractCalls.Json(await ContractCalls.CreateSeedAsync(target, new JsonObject { ["source"] = "quote_form", ["metadata"] = new JsonObject { ["product"] = "Cap" } }));
        var complete = ContractCalls.Json(await ContractCalls.CreateSeedAsync(target, new JsonObject
        {
            ["source"] = "order_intake",
            ["metadata"] = new JsonObject { ["product"] = "Cap", ["quantity"] = 3, ["decoration_type"] = "embroidery" },
        }));

        var exchange = await ContractCalls.Http.GetAsync(new Uri(target.Endpoints.FilesApi, "/api/v1/seeds?needs_line_item=true"), ContractCalls.Key(target, target.FilesApiKey));
        var ids = System.Text.Json.JsonSerializer.Deserialize<List<JsonObject>>(exchange.ResponseBody)!.Select(s => s["id"]!.GetValue<string>()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(ids, Does.Contain(open["id"]!.GetValue<string>()), exchange.Transcript());
            Assert.That(ids, Does.Contain(SqlScripts.PreExistingSeedIds[1].ToString()), "a NULL-metadata seed needs a line item");
            Assert.That(ids, Does.Not.Contain(complete["id"]!.GetValue<string>()), exchange.Transcript());
        });
    }
}
