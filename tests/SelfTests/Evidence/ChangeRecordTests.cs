using System.Diagnostics;
using Mint.Verification.Bundle;
using Mint.Verification.Contract;
using Mint.Verification.Evidence;
using Mint.Verification.Testing;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>The change record fills every Result cell (NOT RUN when a row has no result) and signs off only on a clean run.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class ChangeRecordTests
{
    private string results = string.Empty;

    private static ChangePack Pack => ChangePack.Read(ChangePackPath);

    public static string ChangePackPath => ChangePack.DefaultPath(Mint.Verification.Settings.RepositoryRoot.Path);

    [SetUp]
    public void MakeDirectory() => results = EvidenceSamples.TemporaryDirectory("record");

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(results, recursive: true);

    [Test]
    public void EveryResultCellIsFilledWhenRowsAreMissing()
    {
        var writer = new AllureResultsWriter(results, EvidenceSamples.ChangeId);
        foreach (var row in new[] { "Pre-1", "Pre-2", "Pre-5", "Post-1", "Post-3" })
        {
            EvidenceSamples.WriteRow(writer, row, row.Split('-')[0], EvidenceSamples.Passing(row));
        }

        EvidenceSamples.WriteRow(writer, "Post-2", "Post", EvidenceSamples.Passing("Post-2").Fail("order-intake health field 'artwork_api' is \"error\", expected \"ok\""));
        EvidenceSamples.WriteRow(writer, "Post-4", "Post", EvidenceSamples.Passing("Post-4", new ImageDigest("artwork", "sha256:8b62ff0851a0aaaa")).Observe(new ImageDigest("quote-page", "sha256:0123456789abcdef")));

        var (markdown, signOff) = ChangeRecord.Render(Pack, ResultSet.Read(results), DateTimeOffset.UtcNow, "@tester");

        var rows = TableRows(markdown);
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(8 + 9 + 9 + 4), "Pre, Cutover, Post and Rollback rows");
            Assert.That(rows.Where(r => r.Result.Length == 0 || r.Result == "—"), Is.Empty, "no empty Result cell");
            Assert.That(rows.Single(r => r.Row == "Pre-3").Result, Is.EqualTo("NOT RUN (no result in this run)"));
            Assert.That(rows.Single(r => r.Row == "Pre-1").Result, Does.StartWith("PASS — observed: HTTP 200"));
            Assert.That(rows.Single(r => r.Row == "Post-2").Result, Does.StartWith("FAIL — order-intake health field 'artwork_api'"));
            Assert.That(markdown, Does.Contain("| artwork | mint-modules/artwork:0ce4de6 | sha256:8b62ff0851a0 | sha256:8b62ff0851a0aaaa | matches recorded | Post-4 |"));
            Assert.That(markdown, Does.Contain("| quote-page | mint-modules/quote-page:0ce4de6 | sha256:2e53ae003bb2 | sha256:0123456789abcdef | differs from recorded | Post-4 |"));
            Assert.That(markdown, Does.Contain("NOT RUN (no downtime was measured in this run)"));
            Assert.That(signOff.Status, Is.EqualTo("Not signed off: 1 rows failed, 19 not run"));
            Assert.That(markdown, Does.Contain("| Operator | @tester |"));
        });
    }

    [Test]
    public void CutoverSuccessfulOnlyWhenEveryPreCutoverAndPostRowPassed()
    {
        var writer = new AllureResultsWriter(results, EvidenceSamples.ChangeId);
        foreach (var row in Enumerable.Range(1, 8).Select(i => $"Pre-{i}").Concat(Enumerable.Range(1, 9).Select(i => $"Cutover-{i}")).Concat(Enumerable.Range(1, 9).Select(i => $"Post-{i}")))
        {
            EvidenceSamples.WriteRow(writer, row, row.Split('-')[0], EvidenceSamples.Passing(row));
        }

        EvidenceSamples.WriteRow(writer, "Downtime", "Cutover", EvidenceSamples.Passing("Downtime", new DowntimeFigure("files-api", 41.2, string.Empty, WindowSeconds: 120)));

        var (markdown, signOff) = ChangeRecord.Render(Pack, ResultSet.Read(results), DateTimeOffset.UtcNow);

        Assert.Multiple(() =>
        {
            Assert.That(signOff.Status, Is.EqualTo("Cutover successful"));
            Assert.That(markdown, Does.Contain("- files-api 41.2 s (window 120 s) (row Downtime: PASS)"));
            Assert.That(TableRows(markdown).Where(r => r.Row.StartsWith("Rollback-", StringComparison.Ordinal)).Select(r => r.Result), Is.All.EqualTo("NOT RUN (no result in this run)"));
        });
    }

    [Test]
    public void TheCanaryStartIsListedAfterStepThreeAsTheMatrixsAdditionAndSaysWhenItWasOff()
    {
        var writer = new AllureResultsWriter(results, EvidenceSamples.ChangeId);
        foreach (var row in Enumerable.Range(1, 9).Select(i => $"Cutover-{i}"))
        {
            EvidenceSamples.WriteRow(writer, row, "Cutover", EvidenceSamples.Passing(row));
        }

        EvidenceSamples.WriteRow(writer, ChangeRecord.CanaryRow, "Cutover", EvidenceSamples.Passing(ChangeRecord.CanaryRow, "already done: " + Runbooks.Cutover.CanaryStartStep.Off));

        var (markdown, _) = ChangeRecord.Render(Pack, ResultSet.Read(results), DateTimeOffset.UtcNow);

        var rows = TableRows(markdown).Select(r => r.Row).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows.IndexOf(ChangeRecord.CanaryRow), Is.EqualTo(rows.IndexOf("Cutover-3") + 1), "right after step 3, in the Cutover Sequence\n" + markdown);
            Assert.That(rows.Count(r => r == ChangeRecord.CanaryRow), Is.EqualTo(1), "once: not again under Other Rows\n" + markdown);
            Assert.That(markdown, Does.Contain("Canary start (added by the matrix, not in the change pack)"));
            Assert.That(markdown, Does.Contain("it was OFF on this night (CanaryStartSeconds=0)"));
        });
    }

    [Test]
    public void TheSoakHasItsSectionWithFiguresAndChartsAndAFailedSoakWithholdsTheSuccess()
    {
        var writer = new AllureResultsWriter(results, EvidenceSamples.ChangeId);
        foreach (var row in Enumerable.Range(1, 8).Select(i => $"Pre-{i}").Concat(Enumerable.Range(1, 9).Select(i => $"Cutover-{i}")).Concat(Enumerable.Range(1, 9).Select(i => $"Post-{i}")))
        {
            EvidenceSamples.WriteRow(writer, row, row.Split('-')[0], EvidenceSamples.Passing(row));
        }

        EvidenceSamples.WriteRow(writer, "Soak-files-api", "Soak", EvidenceSamples.Passing("Soak-files-api", "60 s, 30 samples, 0 failed, p95 14 ms (baseline 11 ms), 0 restarts: files-api: every limit held"));
        EvidenceSamples.WriteRow(writer, "Soak-quote-page", "Soak", EvidenceSamples.Passing("Soak-quote-page").Fail("consecutive failure limit: quote-page: 3 failed samples in a row"));

        var (markdown, signOff) = ChangeRecord.Render(Pack, ResultSet.Read(results), DateTimeOffset.UtcNow);

        Assert.Multiple(() =>
        {
            Assert.That(markdown, Does.Contain("## Soak"));
            Assert.That(markdown, Does.Contain("PASS — observed: 60 s, 30 samples, 0 failed, p95 14 ms (baseline 11 ms), 0 restarts"));
            Assert.That(markdown, Does.Contain("](allure-results/soak-files-api.png)").And.Contain("](allure-results/soak-quote-page.png)"));
            Assert.That(markdown, Does.Contain("- Soak: files-api PASS (60 s, 30 samples, 0 failed, p95 14 ms (baseline 11 ms), 0 restarts); quote-page FAIL (consecutive failure limit)"));
            Assert.That(markdown, Does.Not.Contain("| Soak |"), "the soak's rows are in its own section, not again under Other Rows");
            Assert.That(signOff.Status, Is.Not.EqualTo("Cutover successful"), "a failed soak withholds the success");
        });
    }

    [Test]
    public void RolledBackWhenRollbackRowsRanAndPassed()
    {
        var writer = new AllureResultsWriter(results, EvidenceSamples.ChangeId);
        EvidenceSamples.WriteRow(writer, "Post-1", "Post", EvidenceSamples.Passing("Post-1").Fail("files-api health field 'db' is \"error\""));
        foreach (var row in Enumerable.Range(1, 4).Select(i => $"Rollback-{i}"))
        {
            EvidenceSamples.WriteRow(writer, row, "Rollback", EvidenceSamples.Passing(row));
        }

        Assert.That(ChangeRecord.Render(Pack, ResultSet.Read(results), DateTimeOffset.UtcNow).SignOff.Status, Is.EqualTo("Rolled back"));
    }

    [Test]
    public void Sha256SumsVerifiesWithSha256sumAndDetectsAChange()
    {
        var bundle = EvidenceSamples.TemporaryDirectory("sums");
        try
        {
            Directory.CreateDirectory(Path.Combine(bundle, "allure-results"));
            File.WriteAllText(Path.Combine(bundle, "allure-results", "a-result.json"), "{}");
            File.WriteAllText(Path.Combine(bundle, "change-record.md"), "# record\n");
            File.WriteAllText(Path.Combine(bundle, "report.html"), "<html></html>");

            Sha256Sums.Write(bundle);

            Assert.That(Sha256Sums.Verify(bundle), Is.Empty);
            var check = Process.Start(new ProcessStartInfo("sha256sum", "-c SHA256SUMS") { WorkingDirectory = bundle, RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = check.StandardOutput.ReadToEnd() + check.StandardError.ReadToEnd();
            check.WaitForExit();
            Assert.That(check.ExitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("allure-results/a-result.json: OK"));

            File.AppendAllText(Path.Combine(bundle, "change-record.md"), "edited\n");
            Assert.That(Sha256Sums.Verify(bundle), Is.EqualTo(new[] { "change-record.md: changed" }));
        }
        finally
        {
            Directory.Delete(bundle, recursive: true);
        }
    }

    [Test]
    public void PlantedSecretIsFoundAsTextAndInBase64()
    {
        var bundle = EvidenceSamples.TemporaryDirectory("planted");
        try
        {
            const string planted = "PLANTEDx7Q2";
            File.WriteAllText(Path.Combine(bundle, "clean.txt"), "nothing here");
            File.WriteAllText(Path.Combine(bundle, "leak.txt"), $"pg password {planted}pg-0123");
            File.WriteAllText(Path.Combine(bundle, "report.html"), $"data:{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{{\"x\":\"{planted}fa-99\"}}"))}");

            Assert.That(PlantedSecretScan.Find(bundle, planted), Is.EqualTo(new[] { "leak.txt (text)", "report.html (base64)" }));
        }
        finally
        {
            Directory.Delete(bundle, recursive: true);
        }
    }

    /// <summary>The rows of the change record's tables: the row id (after its anchor) and the last cell.</summary>
    internal static List<(string Row, string Result)> TableRows(string markdown) =>
    [
        .. markdown.Split('\n')
            .Where(line => line.StartsWith("| <a id=", StringComparison.Ordinal))
            .Select(line => System.Text.RegularExpressions.Regex.Split(line.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim()).ToList())
            .Select(cells => (cells[0][(cells[0].IndexOf("</a>", StringComparison.Ordinal) + 4)..], cells[^1])),
    ];
}
