using Mint.Verification.Bundle;
using Mint.Verification.Evidence;
using Mint.Verification.Testing;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>
/// The bundle renders report.html with the pinned allure 3 and the report, opened in headless
/// Chromium, shows the change-pack rows. Without npm's allure or Chromium this fails saying what to
/// install (bash fixtures/evidence/install.sh); it never passes or skips silently.
/// </summary>
[TestFixture]
[Category("SelfTest")]
// Needs no host world: ./verify.sh test runs it in the second lane, beside the host world's tests.
[Category("NoHostWorld")]
public sealed class ReportRenderTests
{
    private static readonly string[] Rows = ["Pre-5", "Post-1", "Post-2", "Cutover-6"];

    [Test]
    public async Task BundleRendersAReportThatShowsTheRowsInChromium()
    {
        var results = EvidenceSamples.TemporaryDirectory("render-results");
        var bundle = Path.Combine(EvidenceSamples.TemporaryDirectory("render-bundle"), "bundle");
        try
        {
            var writer = new AllureResultsWriter(results, EvidenceSamples.ChangeId);
            foreach (var row in Rows)
            {
                var check = EvidenceSamples.Passing(row);
                EvidenceSamples.WriteRow(writer, row, row.Split('-')[0], row == "Post-2" ? check.Fail("order-intake health field 'artwork_api' is \"error\"") : check);
            }

            writer.WriteRunFiles("render self-test");

            var making = System.Diagnostics.Stopwatch.StartNew();
            var report = await EvidenceBundle.MakeAsync(new BundleOptions(results, bundle, ChangeRecordTests.ChangePackPath)
            {
                RepositoryRoot = Mint.Verification.Settings.RepositoryRoot.Path,
            });

            TestContext.Out.WriteLine($"bundle made in {making.Elapsed.TotalSeconds:F1} s, report.html rendered in {report.RenderTime.TotalSeconds:F1} s");
            Assert.That(report.RenderTime, Is.LessThan(TimeSpan.FromSeconds(30)), "report generation should take seconds (target 10 s)");
            Assert.That(Sha256Sums.Verify(bundle), Is.Empty);
            var html = await File.ReadAllTextAsync(report.Report);
            Assert.That(html, Does.Not.Contain("googletagmanager"), "the report must open without calling a third party");
            // The secret scan passes over the renderer's own app (three quarters of the file): it must
            // be recognised in this very report, or the scan silently takes four times as long.
            var largestRun = System.Text.RegularExpressions.Regex.Matches(html, "[A-Za-z0-9+/]{11,}={0,2}").MaxBy(m => m.Length)!.Value;
            var passedOver = SecretFingerprintScan.VendorBytes(await File.ReadAllBytesAsync(report.Report), ReportRenderer.Assets(Mint.Verification.Settings.RepositoryRoot.Path));
            Assert.That(passedOver, Is.EqualTo(largestRun.Length),
                $"the scan must pass over report.html's largest base64 run ({largestRun.Length} characters, the renderer's app) and nothing else; it passes over {passedOver}");
            var dom = await DumpDomAsync(new Uri(report.Report).AbsoluteUri, page => Rows.All(row => page.Contains(row, StringComparison.Ordinal)));
            Assert.That(Rows.Where(row => !dom.Contains(row, StringComparison.Ordinal)), Is.Empty, "row ids shown by the rendered report");

            // The change record's link for the failed row opens that very result in the report.
            var record = await File.ReadAllTextAsync(Path.Combine(bundle, "change-record.md"));
            var link = System.Text.RegularExpressions.Regex.Match(record, @"\[Post-2\]\(#post-2\): [^\n]*\(\[report\]\((?<link>report\.html#[0-9a-f]{32})\)\)");
            Assert.That(link.Success, Is.True, "the summary's failing row links into report.html:\n" + record);
            // Waited for until the result page shows both, as the report fills the page in steps
            // (tree and header first, the result's message later).
            static bool ShowsFailedPost2(string page) =>
                page.Contains("data-testid=\"test-result-status-failed\"", StringComparison.Ordinal) && page.Contains("order-intake health field", StringComparison.Ordinal);
            var opened = await DumpDomAsync(new Uri(report.Report).AbsoluteUri + link.Groups["link"].Value["report.html".Length..], ShowsFailedPost2);
            Assert.That(ShowsFailedPost2(opened), Is.True, $"the link {link.Groups["link"].Value} opens the failed Post-2 result with its message; the page showed: {TestIds(opened)}");
        }
        finally
        {
            Directory.Delete(results, recursive: true);
            Directory.Delete(Path.GetDirectoryName(bundle)!, recursive: true);
        }
    }

    /// <summary>The distinct data-testid values of a DOM: what the report had rendered, for a failure message.</summary>
    private static string TestIds(string dom) =>
        string.Join(", ", System.Text.RegularExpressions.Regex.Matches(dom, "data-testid=\"([^\"]+)\"").Select(match => match.Groups[1].Value).Distinct().Take(40));

    /// <summary>The DOM once <paramref name="rendered"/> holds, read every 200 ms for at most 120 s (the report is a 6 MB page with scripts).</summary>
    internal static Task<string> DumpDomAsync(string url, Func<string, bool> rendered) =>
        HeadlessChromium.ReadDomAsync(url, rendered, TimeSpan.FromSeconds(120));
}
