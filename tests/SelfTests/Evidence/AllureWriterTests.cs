using System.Text.Json.Nodes;
using FluentAssertions;
using Mint.Verification.Evidence;
using Mint.Verification.Redaction;
using Mint.Verification.Testing;
using NUnit.Framework.Interfaces;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>The Allure 2 results the matrix writes: valid JSON with every field the report and the change record read.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class AllureWriterTests
{
    private string results = string.Empty;

    [SetUp]
    public void MakeDirectory() => results = EvidenceSamples.TemporaryDirectory("writer");

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(results, recursive: true);

    [Test]
    public void PassingRowIsWrittenWithLabelsLinkParametersStepsAndAttachments()
    {
        var written = EvidenceSamples.WriteRow(new AllureResultsWriter(results, EvidenceSamples.ChangeId), "Post-1", "Post", EvidenceSamples.Passing("Post-1"), "files-api health: curl :3500/health -> ok");

        var json = ReadResult(written.Uuid);
        Assert.Multiple(() =>
        {
            Assert.That(Text(json, "uuid"), Is.EqualTo(written.Uuid));
            Assert.That(Text(json, "historyId"), Has.Length.EqualTo(32));
            Assert.That(Text(json, "fullName"), Is.EqualTo("Mint.Verification.Samples.SampleRows.Post1_Sample"));
            Assert.That(Text(json, "name"), Is.EqualTo("Post-1 files-api health"));
            Assert.That(Text(json, "status"), Is.EqualTo("passed"));
            Assert.That(json["start"]!.GetValue<long>(), Is.GreaterThan(1_700_000_000_000).And.LessThanOrEqualTo(json["stop"]!.GetValue<long>()));
            Assert.That(Labels(json), Is.SupersetOf(new[]
            {
                "epic=LOOP-MINT-PROD-CUTOVER-EXECUTION-20260212", "feature=Post", "story=Post-1", "suite=SampleRows",
                "tag=Post", "severity=critical", $"host={EvidenceSamples.Target}",
            }));
            Assert.That(json["links"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("Post-1"));
            Assert.That(json["links"]![0]!["url"]!.GetValue<string>(), Is.EqualTo("change-record.md#post-1"));
            Assert.That(Parameters(json), Is.SupersetOf(new[] { $"target={EvidenceSamples.Target}", "expected tag=0ce4de6" }));
        });

        var step = json["steps"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(Text(step, "name"), Is.EqualTo("Post-1 sample check"));
            Assert.That(Text(step, "status"), Is.EqualTo("passed"));
            Assert.That(step["stop"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(step["start"]!.GetValue<long>()));
            Assert.That(step["steps"]!.AsArray().Select(s => Text(s!, "name")), Does.Contain("observed: HTTP 200 {\"status\":\"ok\"}"));
        });

        var attachment = step["attachments"]![0]!;
        var file = Path.Combine(results, Text(attachment, "source"));
        Assert.That(Text(attachment, "source"), Does.EndWith("-attachment.txt"));
        Assert.That(File.ReadAllText(file), Does.Contain("GET http://127.0.0.1:3500/health"));
    }

    [Test]
    public void FailingRowCarriesItsMessageAndFailedStep()
    {
        var check = EvidenceSamples.Passing("Post-2").Fail("order-intake health field 'artwork_api' is \"error\", expected \"ok\"");

        var json = ReadResult(EvidenceSamples.WriteRow(new AllureResultsWriter(results, EvidenceSamples.ChangeId), "Post-2", "Post", check).Uuid);

        var step = json["steps"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(Text(json, "status"), Is.EqualTo("failed"));
            Assert.That(Text(json["statusDetails"]!, "message"), Does.Contain("health field 'artwork_api'"));
            Assert.That(Text(json["statusDetails"]!, "trace"), Does.Contain("Sample.Row"));
            Assert.That(Text(step, "status"), Is.EqualTo("failed"));
            Assert.That(step["steps"]!.AsArray().Where(s => Text(s!, "status") == "failed").Select(s => Text(s!, "name")),
                Has.One.StartsWith("problem: order-intake health field"));
        });
    }

    [Test]
    public void SecretsInEvidenceAndMessagesAreMasked()
    {
        var secret = "fa-" + Guid.NewGuid().ToString("N");
        Redactor.Register(secret);
        var check = new CheckResult("Pre-5", "ssh").Attach(new Attachment("env", $"FILES_API_KEY={secret}")).Fail($"key {secret} refused");

        var written = EvidenceSamples.WriteRow(new AllureResultsWriter(results, EvidenceSamples.ChangeId), "Pre-5", "Pre", check);

        var everything = string.Concat(Directory.EnumerateFiles(results).Select(File.ReadAllText));
        Assert.Multiple(() =>
        {
            Assert.That(everything, Does.Not.Contain(secret));
            Assert.That(everything, Does.Contain("FILES_API_KEY=***"));
            Assert.That(written.StatusDetails!.Message, Does.Contain("key *** refused"));
        });
    }

    [TestCase("Failure", "failed")]
    [TestCase("Error", "broken")]
    [TestCase("SetUpError", "broken")]
    [TestCase("SetUpFailure", "failed")]
    [TestCase("ChildFailure", "failed")]
    [TestCase("Cancelled", "broken")]
    [TestCase("NotRunnable", "broken")]
    [TestCase("Ignored", "skipped")]
    [TestCase("Skipped", "skipped")]
    [TestCase("Inconclusive", "skipped")]
    [TestCase("Success", "passed")]
    public void NUnitOutcomesMapToAllureStatuses(string state, string status)
    {
        var resultState = (ResultState)typeof(ResultState).GetField(state)!.GetValue(null)!;
        TestOutcome.StatusOf(resultState).Should().Be(status);
    }

    [Test]
    public async Task StepsOfTheRunningTestNestWithTheirOwnStatusAndTiming()
    {
        var test = EvidenceLog.Current ?? throw new AssertionException("this assembly records evidence ([assembly: AllureResults]), so a running test has some");

        var verdict = await EvidenceLog.Step("Cutover-7 wait for healthchecks", async () =>
        {
            await EvidenceLog.Step("probe files-api", async () =>
            {
                await Task.Delay(20);
                EvidenceLog.Attach("probe", "GET /health -> 200");
            });
            return EvidenceSamples.Passing("Cutover-7", "all healthy after 0.1 s");
        });
        var broken = async () => await EvidenceLog.Step("Cutover-8 migrate", () => Task.FromException(new InvalidOperationException("psql: connection refused")));
        await broken.Should().ThrowAsync<InvalidOperationException>();
        RowAssert.Passed(verdict);

        var steps = test.Root.Steps.Where(s => s.Name.StartsWith("Cutover-", StringComparison.Ordinal)).ToList();
        Assert.That(steps.Select(s => (s.Name, s.Status)), Is.EqualTo(new[] { ("Cutover-7 wait for healthchecks", "passed"), ("Cutover-8 migrate", "broken") }));
        var nested = steps[0].Steps.Single(s => s.Name == "probe files-api");
        Assert.Multiple(() =>
        {
            Assert.That(nested.Stopped - nested.Started, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(15)));
            Assert.That(nested.Attachments.Single().Content, Is.EqualTo("GET /health -> 200"));
            Assert.That(steps[0].Attachments.Single().Title, Is.EqualTo("GET /health"));
            Assert.That(steps[0].Steps.Select(s => s.Name), Does.Contain("observed: all healthy after 0.1 s"));
            Assert.That(steps[1].Message, Is.EqualTo("psql: connection refused"));
        });
    }

    [Test]
    public void RunFilesAreWritten()
    {
        new AllureResultsWriter(results, EvidenceSamples.ChangeId).WriteRunFiles("sample build");

        var categories = JsonNode.Parse(File.ReadAllText(Path.Combine(results, "categories.json")))!.AsArray();
        var executor = JsonNode.Parse(File.ReadAllText(Path.Combine(results, "executor.json")))!;
        Assert.Multiple(() =>
        {
            Assert.That(categories.Select(c => Text(c!, "name")), Is.SupersetOf(new[] { "Target unreachable", "Contract violation", "Health degraded", "Settings invalid" }));
            Assert.That(Text(executor, "buildName"), Is.EqualTo("sample build"));
        });
        var unreachable = categories.Single(c => Text(c!, "name") == "Target unreachable")!;
        Assert.That(System.Text.RegularExpressions.Regex.IsMatch("Pre-5 ssh: FAIL\n  - no SSH answer from 127.0.0.1:2222 within 10 s.\n", $"^{Text(unreachable, "messageRegex")}$"), Is.True, "Allure 2 matches the whole message");
    }

    [Test]
    public void TheEpicIsTheRunsChangeIdFromItsSettings()
    {
        // The change id has one owner, the runsettings' ChangeId: a night run for another change is
        // labelled with that change, never with the one this matrix was written for.
        var written = EvidenceSamples.WriteRow(new AllureResultsWriter(results, "LOOP-ANOTHER-CHANGE-1"), "Post-1", "Post", EvidenceSamples.Passing("Post-1"));

        Assert.That(Labels(ReadResult(written.Uuid)), Does.Contain("epic=LOOP-ANOTHER-CHANGE-1").And.Not.Contain($"epic={EvidenceSamples.ChangeId}"));
    }

    private JsonNode ReadResult(string uuid)
    {
        var path = Path.Combine(results, $"{uuid}-result.json");
        Assert.That(path, Does.Exist);
        return JsonNode.Parse(File.ReadAllText(path))!;
    }

    private static string Text(JsonNode node, string name) => node[name]?.GetValue<string>() ?? string.Empty;

    private static List<string> Labels(JsonNode json) => [.. json["labels"]!.AsArray().Select(l => $"{Text(l!, "name")}={Text(l!, "value")}")];

    private static List<string> Parameters(JsonNode json) => [.. json["parameters"]!.AsArray().Select(p => $"{Text(p!, "name")}={Text(p!, "value")}")];
}
