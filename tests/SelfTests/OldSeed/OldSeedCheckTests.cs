using System.Text.Json.Nodes;
using Mint.Verification.Checks;
using Mint.Verification.Checks.OldSeed;
using Mint.Verification.Evidence;
using Mint.Verification.Http;
using Mint.Verification.SelfTests.BadInput;
using Mint.Verification.Targets;

namespace Mint.Verification.SelfTests.OldSeed;

/// <summary>
/// The OldSeed row against a stand-in files-api on loopback: the recorded seed with metadata null
/// passes; any other metadata, a line item, another id, a 404 or no record from Pre fails, naming
/// what was seen and where.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class OldSeedCheckTests
{
    private const string SeedId = "11111111-1111-4111-8111-111111111111";
    private static readonly ModuleHttp Http = new(TimeSpan.FromSeconds(2));
    private static readonly PreRecordReading<SeedRecord> Recorded = new(new SeedRecord("127.0.0.1", "CHANGE-1", DateTimeOffset.UtcNow, Guid.Parse(SeedId)), null);

    [Test]
    public async Task AnExistingSeedWithMetadataNullPasses()
    {
        await using var filesApi = StubHttpServer.Answering(200, "application/json", Seed("null", "false"));

        var result = await ReadBackAsync(filesApi.BaseAddress, Recorded);

        Assert.Multiple(() =>
        {
            Assert.That(result.Problems, Is.Empty, result.Describe());
            Assert.That(result.Observations[0], Does.StartWith($"seed {SeedId} (recorded by Pre at ").And.EndWith("): HTTP 200, metadata null, has_line_item false"));
            Assert.That(result.Attachments.Single().Title, Is.EqualTo($"GET /api/v1/seeds/{SeedId}"));
            Assert.That(filesApi.Answered, Is.EqualTo(1), "one GET, nothing else");
        });
    }

    [TestCase("{}", "false", "the old seed's metadata is {}, expected JSON null")]
    [TestCase("""{"a":1}""", "false", """the old seed's metadata is {"a":1}, expected JSON null""")]
    [TestCase("null", "true", "the old seed's has_line_item is true, expected false")]
    public async Task ASeedThatDoesNotReadAsAnExistingRowFails(string metadata, string hasLineItem, string expected)
    {
        await using var filesApi = StubHttpServer.Answering(200, "application/json", Seed(metadata, hasLineItem));

        var result = await ReadBackAsync(filesApi.BaseAddress, Recorded);

        Assert.That(result.Problems, Has.Exactly(1).StartsWith(expected).And.Contains($"at {filesApi.BaseAddress}api/v1/seeds/{SeedId}"), result.Describe());
    }

    [Test]
    public void AnotherIdAMissingMetadataFieldAndAMissingFlagAreEachNamed()
    {
        var seed = JsonNode.Parse("""{"id":"22222222-2222-4222-8222-222222222222","source":"quote_form"}""")!.AsObject();

        Assert.That(OldSeedCheck.Judge(seed, Guid.Parse(SeedId)), Is.EqualTo(new[]
        {
            $"the old seed's id is \"22222222-2222-4222-8222-222222222222\", expected \"{SeedId}\"",
            "the old seed has no field 'metadata', expected metadata: null (is the new files-api serving?)",
            "the old seed's has_line_item is absent, expected false (no metadata, no line item)",
        }));
    }

    [Test]
    public async Task ASeedThatIsGoneFailsWithItsStatusAndAddress()
    {
        await using var filesApi = StubHttpServer.Answering(404, "application/json", """{"error":"not_found"}""");

        var result = await ReadBackAsync(filesApi.BaseAddress, Recorded);

        Assert.That(result.Problems, Has.Exactly(1).Contains($"HTTP 404 for the old seed at {filesApi.BaseAddress}api/v1/seeds/{SeedId}").And.Contains("expected 200").And.Contains("not_found"));
    }

    [Test]
    public async Task NoRecordFromPreFailsNamingTheFileWithoutAsking()
    {
        await using var filesApi = StubHttpServer.Answering(200, "application/json", Seed("null", "false"));
        var refused = new PreRecordReading<SeedRecord>(null, "no old seed record at /night/old-seed.json (Pre's Ready-1 writes it when artwork_seeds holds a seed)");

        var result = await ReadBackAsync(filesApi.BaseAddress, refused);

        Assert.Multiple(() =>
        {
            Assert.That(result.Problems, Has.Exactly(1).Contains("/night/old-seed.json").And.Contains("run Pre first").And.Contains("found no old seed"));
            Assert.That(filesApi.Answered, Is.Zero, "nothing to read back: no request");
        });
    }

    [Test]
    public async Task AFilesApiThatDoesNotAnswerFailsNamingTheAddress()
    {
        var nowhere = StubHttpServer.NothingListening();

        var result = await ReadBackAsync(nowhere, Recorded);

        Assert.That(result.Problems, Has.Exactly(1).Contains($"{nowhere}api/v1/seeds/{SeedId}").And.Contains("the old seed"));
    }

    private static Task<CheckResult> ReadBackAsync(Uri filesApi, PreRecordReading<SeedRecord> recorded) =>
        OldSeedCheck.ReadBackAsync(OldSeedCheck.Row, new TargetUnderTest("stand-in files-api", new ModuleEndpoints(filesApi, new Uri("http://127.0.0.1:9/"), new Uri("http://127.0.0.1:9/")), "files-key-1234", null), Http, recorded);

    private static string Seed(string metadata, string hasLineItem) =>
        $$"""{"id":"{{SeedId}}","source":"quote_form","status":"pending","from_email":"existing-a@example.invalid","request_text":"Existing quote request A","metadata":{{metadata}},"has_line_item":{{hasLineItem}},"created_at":"2026-11-30T21:00:00.000Z"}""";
}
