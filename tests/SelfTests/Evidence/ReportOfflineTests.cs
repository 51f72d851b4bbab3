using Mint.Verification.Bundle;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>report.html as allure 3 writes it calls Google Analytics; the bundle's copy calls nothing.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class ReportOfflineTests
{
    private const string App = """<script   src="data:text/javascript;base64,ZnVuY3Rpb24oKXt9"></script>""";

    private const string Analytics = """
            <script async src="https://www.googletagmanager.com/gtag/js?id=G-TEST"></script>
            <script>
                window.dataLayer = window.dataLayer || [];
                function gtag(){dataLayer.push(arguments);}
                gtag('js', new Date());
                gtag('config', 'G-TEST', { "report": "awesome" });
            </script>
        """;

    private const string Data = """<script async>window.allureReportData = {};</script><svg xmlns="http://www.w3.org/2000/svg"></svg>""";

    [Test]
    public void AnalyticsAreRemovedAndTheReportItselfIsKept()
    {
        var stripped = ReportOffline.Strip($"<html><body><script>window.allure = {{}};</script>{App}{Analytics}{Data}</body></html>");

        Assert.That(stripped, Does.Not.Contain("googletagmanager").And.Not.Contain("gtag"));
        Assert.That(stripped, Does.Contain(App).And.Contain(Data).And.Contain("<script>window.allure = {};</script>"), "only the analytics go");
    }

    [TestCase("""<script src="https://cdn.example.net/app.js"></script>""", "https://cdn.example.net/app.js")]
    [TestCase("""<link rel="stylesheet" href="//fonts.example.org/a.css">""", "//fonts.example.org/a.css")]
    [TestCase("""<script defer>gtag('config', 'G-OTHER');</script>""", "gtag")]
    public void AnyOtherRemoteLoadFailsTheBundleNamingIt(string tag, string named)
    {
        var refusal = Assert.Throws<BundleException>(() => ReportOffline.Strip($"<html><body>{App}{tag}</body></html>"));
        Assert.That(refusal!.Message, Does.Contain(named).And.Contain("report.html would load from the network"));
    }
}
