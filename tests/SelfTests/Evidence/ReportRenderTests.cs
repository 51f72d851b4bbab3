using System.Diagnostics;
using Mint.Verification.Bundle;
using Mint.Verification.Evidence;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>
/// The bundle renders report.html with the pinned allure 3 and the report, opened in headless
/// Chromium, shows the change-pack rows. Without npm's allure or Chromium this fails saying what to
/// install (bash fixtures/evidence/install.sh); it never passes or skips silently.
/// </summary>
[TestFixture]
[Category("SelfTest")]
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
            var writer = new AllureResultsWriter(results);
            foreach (var row in Rows)
            {
                var check = EvidenceSamples.Passing(row);
                EvidenceSamples.WriteRow(writer, row, row.Split('-')[0], row == "Post-2" ? check.Fail("order-intake health field 'artwork_api' is \"error\"") : check);
            }

            writer.WriteRunFiles("render self-test");

            var report = await EvidenceBundle.MakeAsync(new BundleOptions(results, bundle, ChangeRecordTests.ChangePackPath)
            {
                RepositoryRoot = Mint.Verification.Settings.RepositoryRoot.Path,
            });

            TestContext.Out.WriteLine($"report.html rendered in {report.RenderTime.TotalSeconds:F1} s");
            Assert.That(report.RenderTime, Is.LessThan(TimeSpan.FromSeconds(30)), "report generation should take seconds (target 10 s)");
            Assert.That(Sha256Sums.Verify(bundle), Is.Empty);
            var dom = await DumpDomAsync(report.Report);
            Assert.That(Rows.Where(row => !dom.Contains(row, StringComparison.Ordinal)), Is.Empty, "row ids shown by the rendered report");
        }
        finally
        {
            Directory.Delete(results, recursive: true);
            Directory.Delete(Path.GetDirectoryName(bundle)!, recursive: true);
        }
    }

    /// <summary>The DOM of a page after its scripts ran (headless Chromium, no network, a throw-away profile).</summary>
    internal static async Task<string> DumpDomAsync(string page)
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new AssertionException("Chromium is not installed, so the rendered report cannot be checked: run `bash fixtures/evidence/install.sh` as root (Debian package chromium).");
        var profile = EvidenceSamples.TemporaryDirectory("chromium");
        try
        {
            var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom",
                new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(deadline.Token);
            var dom = await stdout;
            Assert.That(dom, Does.Contain("</html>"), $"Chromium printed no DOM (exit {process.ExitCode}): {await stderr}");
            return dom;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
