namespace Mint.Verification.SelfTests.BadInput;

/// <summary>
/// A health row against an endpoint that answers, but wrongly: an HTML page with 200 (a proxy or
/// the wrong service on the port), a 500 whose JSON looks healthy, broken JSON, an HTML error page.
/// The row must fail saying what was wrong and naming the URL.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class BadHealthAnswerTests
{
    private const string Html = "<!doctype html><html><head><title>Welcome</title></head><body>It works</body></html>";
    private const string HealthyJson = """{"status":"ok","db":"ok","minio":"ok"}""";
    private const string BrokenJson = """{"status":"ok","db":""";

    [TestCase(200, "text/html", Html, "not JSON", TestName = "{m}(HTML with 200)")]
    [TestCase(500, "application/json", HealthyJson, "HTTP 500", TestName = "{m}(500 with healthy-looking JSON)")]
    [TestCase(200, "application/json", BrokenJson, "not JSON", TestName = "{m}(broken JSON with 200)")]
    [TestCase(502, "text/html", Html, "HTTP 502", TestName = "{m}(HTML error page with 502)")]
    public async Task WrongAnswerFailsSayingWhatAndWhere(int status, string contentType, string body, string says)
    {
        await using var stub = StubHttpServer.Answering(status, contentType, body);
        var url = new Uri(stub.BaseAddress, "/health").ToString();

        var (result, elapsed) = await TimedHealth.RunAsync($"HTTP {status} {contentType} at {url}", stub.BaseAddress);

        Assert.Multiple(() =>
        {
            Assert.That(result.Passed, Is.False, result.Describe());
            Assert.That(result.Problems, Has.Some.Contains(says).And.Contains(url), result.Describe());
            Assert.That(elapsed, Is.LessThan(TimedHealth.Bound), result.Describe());
        });
    }
}
