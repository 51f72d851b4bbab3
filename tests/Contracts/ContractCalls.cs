using System.Net;
using System.Text.Json.Nodes;
using Mint.Verification.Http;
using Mint.Verification.Targets;

namespace Mint.Verification.Contracts;

/// <summary>Small calls the contract tests share; each returns the exchange so a failure can show it.</summary>
internal static class ContractCalls
{
    public static ModuleHttp Http => MatrixRun.Current.Http;

    /// <summary>Contracts run against the ephemeral module world, never against the docker-host.</summary>
    public static async Task<TargetUnderTest> TargetAsync() => (await MatrixRun.Current.ModuleWorldAsync()).Target;

    public static async Task<(HttpStatusCode? Status, JsonObject? Body, HttpExchange Exchange)> ValidateAsync(string json)
    {
        var target = await TargetAsync();
        var exchange = await Http.PostJsonAsync(new Uri(target.Endpoints.OrderIntake, "/api/v1/intake/validate"), json);
        return (exchange.Status, JsonBody.AsObject(exchange, out _), exchange);
    }

    public static Dictionary<string, string> Key(TargetUnderTest target, string? key) =>
        key is null ? [] : new() { [target.ApiKeyHeader] = key };

    public static async Task<HttpExchange> CreateSeedAsync(TargetUnderTest target, JsonObject seed) =>
        await Http.PostJsonAsync(new Uri(target.Endpoints.FilesApi, "/api/v1/seeds"), seed.ToJsonString(), Key(target, target.FilesApiKey));

    public static async Task<HttpExchange> GetSeedAsync(TargetUnderTest target, string id) =>
        await Http.GetAsync(new Uri(target.Endpoints.FilesApi, $"/api/v1/seeds/{id}"), Key(target, target.FilesApiKey));

    /// <summary>The JSON body of an answer that must be a JSON object; fails the test with the transcript otherwise.</summary>
    public static JsonObject Json(HttpExchange exchange)
    {
        var body = JsonBody.AsObject(exchange, out var problem);
        Assert.That(body, Is.Not.Null, problem + Environment.NewLine + exchange.Transcript());
        return body!;
    }
}
