using Mint.Verification.Checks.Soak;
using Mint.Verification.Http;
using Mint.Verification.SelfTests.BadInput;
using Mint.Verification.Targets;

namespace Mint.Verification.SelfTests.Soak;

/// <summary>
/// The Pre stage's Baseline row against stand-in old stacks on loopback: it passes and writes the
/// night's baseline when every health answer is 200, and fails naming the module, the address and
/// what came back when one is not, writing nothing.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
// Beside the other waiting fixtures (the Unit tier idles otherwise: its tests wait on loopback stubs, 100 ms apart); its own tests one at a time.
[Parallelizable(ParallelScope.Self)]
public sealed class BaselineSamplingTests
{
    private const string Change = "LOOP-MINT-PROD-CUTOVER-EXECUTION-20260212";
    private const string Healthy = """{"status":"ok","db":"ok","minio":"ok","files_api":"ok"}""";
    private static readonly ModuleHttp Http = new(TimeSpan.FromSeconds(2));

    private string directory = string.Empty;

    [SetUp]
    public void CreateNight() => directory = Directory.CreateTempSubdirectory("baseline-row-").FullName;

    [TearDown]
    public void RemoveNight() => Directory.Delete(directory, recursive: true);

    [Test]
    public async Task AHealthyOldStackIsRecordedForTheSoak()
    {
        await using var filesApi = StubHttpServer.Answering(200, "application/json", Healthy);
        await using var quotePage = StubHttpServer.Answering(200, "application/json", Healthy);

        var result = await BaselineSampling.RunAsync(Target(filesApi.BaseAddress, quotePage.BaseAddress), Http, Change, directory);

        var reading = SoakBaseline.Read(directory, "127.0.0.1", Change, DateTimeOffset.UtcNow);
        Assert.Multiple(() =>
        {
            Assert.That(result.Passed, Is.True, result.Describe());
            Assert.That(result.Observations[0], Does.Match(@"^files-api p50 \d+ ms p95 \d+ ms \(20 samples\); quote-page p50 \d+ ms p95 \d+ ms \(20 samples\); order-intake p95 \d+ ms \(old stack pooled\)$"));
            Assert.That(filesApi.Answered, Is.EqualTo(BaselineSampling.SamplesPerModule + 1), "the samples and one warm-up");
            Assert.That(reading.Refusal, Is.Null);
            Assert.That(reading.Baseline!.Modules.Single(m => m.Module == "order-intake").Derived, Does.Contain("pooled p95 of the old stack's health answers (files-api, quote-page)"));
            // The 38th of 40 pooled answers lies between the modules' own p95s (the 19th of 20 each).
            Assert.That(reading.P95Of("order-intake"), Is.InRange(reading.Baseline.Modules.Where(m => m.Module != "order-intake").Min(m => m.P95), reading.Baseline.Modules.Max(m => m.P95)), "the pooled p95 lies between the old containers' own");
        });
    }

    [Test]
    public async Task AnOldContainerAnswering503FailsTheRowAndNothingIsWritten()
    {
        await using var filesApi = StubHttpServer.AnsweringInTurn((200, Healthy), (200, Healthy), (200, Healthy), (503, """{"status":"error"}"""));
        await using var quotePage = StubHttpServer.Answering(200, "application/json", Healthy);

        var result = await BaselineSampling.RunAsync(Target(filesApi.BaseAddress, quotePage.BaseAddress), Http, Change, directory);

        Assert.Multiple(() =>
        {
            Assert.That(result.Passed, Is.False);
            Assert.That(result.Problems, Is.EqualTo(new[] { $"files-api at {filesApi.BaseAddress}health: sample 3 of {BaselineSampling.SamplesPerModule} answered HTTP 503 ({{\"status\":\"error\"}}), expected HTTP 200" }));
            Assert.That(File.Exists(SoakBaseline.PathIn(directory)), Is.False);
        });
    }

    [Test]
    public async Task AnOldContainerNotListeningFailsTheRowNamingItsAddress()
    {
        await using var filesApi = StubHttpServer.Answering(200, "application/json", Healthy);
        var quotePage = StubHttpServer.NothingListening();

        var result = await BaselineSampling.RunAsync(Target(filesApi.BaseAddress, quotePage), Http, Change, directory);

        Assert.Multiple(() =>
        {
            Assert.That(result.Problems, Has.Exactly(1).StartsWith($"quote-page at {quotePage}health: the warm-up request got no answer (cannot reach {quotePage}health"));
            Assert.That(File.Exists(SoakBaseline.PathIn(directory)), Is.False);
        });
    }

    [Test]
    public async Task ASilentOldContainerCostsOneHttpTimeoutNotOnePerSample()
    {
        await using var filesApi = StubHttpServer.Silent();
        await using var quotePage = StubHttpServer.Answering(200, "application/json", Healthy);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await BaselineSampling.RunAsync(Target(filesApi.BaseAddress, quotePage.BaseAddress), Http, Change, directory);

        Assert.Multiple(() =>
        {
            Assert.That(result.Problems, Has.Exactly(1).Contains($"files-api at {filesApi.BaseAddress}health: the warm-up request got no answer (no answer from").And.Contains("within 2 s"));
            Assert.That(clock.Elapsed, Is.LessThan(Http.Timeout + TimeSpan.FromSeconds(2)), result.Describe());
        });
    }

    private static TargetUnderTest Target(Uri filesApi, Uri quotePage) =>
        new("stand-in old stack", new ModuleEndpoints(filesApi, new Uri("http://127.0.0.1:9/"), quotePage), null, null);
}
