using System.Diagnostics;
using Mint.Verification.Http;
using Mint.Verification.Modules;

namespace Mint.Verification.SelfTests.BadInput;

/// <summary>
/// A health row that sees a degraded answer asks again before judging: a blip (one dependency probe
/// over its budget on a loaded host) settles into a pass that says it was degraded first; a
/// dependency that stays down fails within the settle window, naming the field; and a wrong answer
/// that is not the contract's "degraded" is never asked again.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
// Beside the other waiting fixtures (the Unit tier idles otherwise: its tests wait out settle windows on loopback stubs); its own tests one at a time.
[Parallelizable(ParallelScope.Self)]
public sealed class DegradedHealthSettleTests
{
    private const string Healthy = """{"status":"ok","db":"ok","minio":"ok"}""";
    private const string DbDown = """{"status":"degraded","db":"error","minio":"ok"}""";
    private static readonly ModuleHttp Http = new(TimeSpan.FromSeconds(2));

    [Test]
    public async Task OneDegradedAnswerThenOkPassesAndSaysItWasDegraded()
    {
        await using var stub = StubHttpServer.AnsweringInTurn((503, DbDown), (200, Healthy));

        var result = await HealthCheck.RunAsync("Post-1", "files-api", stub.BaseAddress, ModuleCatalogue.Artwork.HealthFields, Http);

        Assert.Multiple(() =>
        {
            Assert.That(result.Passed, Is.True, result.Describe());
            Assert.That(result.Observations, Has.Some.Contains("settled: the first answer was degraded").And.Contains("'db'"), result.Describe());
            Assert.That(stub.Answered, Is.EqualTo(1 + HealthCheck.SettledAnswers), "one degraded answer, then the ok answers in a row");
            Assert.That(result.Attachments.Select(e => e.Content), Has.Some.Contains("\"db\":\"error\""), "the degraded answer stays in the evidence");
        });
    }

    [Test]
    public async Task ADependencyThatStaysDownFailsWithinTheWindowNamingTheField()
    {
        await using var stub = StubHttpServer.AnsweringInTurn((503, DbDown));
        var clock = Stopwatch.StartNew();

        var result = await HealthCheck.RunAsync("Post-1", "files-api", stub.BaseAddress, ModuleCatalogue.Artwork.HealthFields, Http);

        Assert.Multiple(() =>
        {
            Assert.That(result.Passed, Is.False, result.Describe());
            Assert.That(result.Problems, Has.Some.Contains("'db'"), result.Describe());
            Assert.That(result.Problems, Has.Some.Contains("did not settle"), result.Describe());
            Assert.That(clock.Elapsed, Is.LessThan(HealthCheck.SettleWindow + TimeSpan.FromSeconds(2)), "bounded by the settle window");
        });
    }

    [Test]
    public async Task FlappingBetweenOkAndDegradedFails()
    {
        await using var stub = StubHttpServer.AnsweringInTurn(
            (503, DbDown), (200, Healthy), (200, Healthy), (503, DbDown), (200, Healthy), (200, Healthy), (503, DbDown), (200, Healthy), (200, Healthy), (503, DbDown), (200, Healthy), (200, Healthy), (503, DbDown));

        var result = await HealthCheck.RunAsync("Post-1", "files-api", stub.BaseAddress, ModuleCatalogue.Artwork.HealthFields, Http);

        Assert.That(result.Passed, Is.False, "never three ok answers in a row: " + result.Describe());
    }

    [Test]
    public async Task AWrongAnswerIsNotAskedAgain()
    {
        await using var stub = StubHttpServer.AnsweringInTurn((500, Healthy), (200, Healthy));

        var result = await HealthCheck.RunAsync("Post-1", "files-api", stub.BaseAddress, ModuleCatalogue.Artwork.HealthFields, Http);

        Assert.Multiple(() =>
        {
            Assert.That(result.Passed, Is.False, result.Describe());
            Assert.That(stub.Answered, Is.EqualTo(1), "a 500 is not the contract's degraded answer: judged at once");
        });
    }
}
