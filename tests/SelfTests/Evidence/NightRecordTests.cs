using System.Text.Json.Nodes;
using Mint.Verification.Bundle;
using Mint.Verification.ConsoleLogger;
using Mint.Verification.Contract;
using Mint.Verification.Evidence;
using Mint.Verification.Testing;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>
/// A night's change record: the Pre gate (the last Pre before the first cutover) is the Pre
/// verdict, later re-checks stand beside it, every invocation is listed, and a DryRun's rows are
/// PLANNED, never PASS, never a sign-off.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class NightRecordTests
{
    private static readonly DateTimeOffset Night = new(2026, 2, 12, 22, 0, 0, TimeSpan.Zero);
    private string results = string.Empty;

    private static ChangePack Pack => ChangePack.Read(ChangeRecordTests.ChangePackPath);

    [SetUp]
    public void MakeDirectory() => results = EvidenceSamples.TemporaryDirectory("night");

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(results, recursive: true);

    [Test]
    public void ThePreVerdictIsTheGateAndALaterRecheckStandsBesideIt()
    {
        var writer = new AllureResultsWriter(results, EvidenceSamples.ChangeId);
        Write(writer, "Pre-1", "Pre", AllureStatus.Passed, null, Night.AddMinutes(1));
        Invocation("Category=Pre", Night, Night.AddMinutes(2), exitCode: 0);
        Invocation("Category=Cutover", Night.AddMinutes(10), Night.AddMinutes(12), exitCode: 1);
        Write(writer, "Pre-1", "Pre", AllureStatus.Failed, "spine.verify: DRIFT GATE: FAIL", Night.AddMinutes(31));
        Invocation("Category=Pre", Night.AddMinutes(30), Night.AddMinutes(32), exitCode: 1);

        var (markdown, _) = ChangeRecord.Render(Pack, ResultSet.Read(results), DateTimeOffset.UtcNow);

        Assert.Multiple(() =>
        {
            Assert.That(markdown, Does.Contain("## Invocations"));
            Assert.That(markdown, Does.Contain("| 1 | 2026-02-12 22:00:00 → 22:02:00 | Category=Pre — the Pre gate |"), markdown);
            Assert.That(markdown, Does.Contain("| 2 | 2026-02-12 22:10:00 → 22:12:00 | Category=Cutover |"));
            Assert.That(markdown, Does.Contain("`dotnet test tests/PreCutover -v q --filter Category=Pre`"));
            Assert.That(Cell(markdown, "Pre-1", "Pre-Cutover Verification Matrix"), Does.StartWith("PASS"), "the gate's verdict, not the re-check's");
            Assert.That(markdown, Does.Contain("Re-check of Pre at 2026-02-12 22:30:00Z"));
            Assert.That(Cell(markdown, "Pre-1", "Re-check of Pre"), Does.StartWith("FAIL — spine.verify: DRIFT GATE: FAIL"));
            Assert.That(markdown.IndexOf("## Summary", StringComparison.Ordinal), Is.GreaterThan(0).And.LessThan(markdown.IndexOf("## Invocations", StringComparison.Ordinal)), "the summary comes first");
            Assert.That(markdown, Does.Contain("rests on invocations #1 (Pre gate, exit 0), #2 (Cutover, exit 1)"));
            Assert.That(markdown, Does.Contain("- Failing rows:"));
        });
    }

    [Test]
    public void ABundleOfTwoTargetsIsRefusedNamingBoth()
    {
        var writer = new AllureResultsWriter(results, EvidenceSamples.ChangeId);
        Write(writer, "Pre-1", "Pre", AllureStatus.Passed, null, Night.AddMinutes(1));
        Invocation("Category=Pre", Night, Night.AddMinutes(2), exitCode: 0);
        Invocation("Category=Cutover", Night.AddMinutes(10), Night.AddMinutes(11), exitCode: 0, target: "production");

        var act = () => EvidenceBundle.RefuseMixedNights(results, ResultSet.Read(results));

        Assert.That(act, Throws.TypeOf<BundleException>().With.Message.Contains("target(s) production and rehearsal").And.Message.Contains("host(s) 127.0.0.1 and 192.168.1.200"));
    }

    [Test]
    public void PlannedRowsArePlannedAndNeverMakeASignOff()
    {
        var writer = new AllureResultsWriter(results, EvidenceSamples.ChangeId);
        foreach (var row in Enumerable.Range(1, 8).Select(i => $"Pre-{i}").Concat(Enumerable.Range(1, 9).Select(i => $"Post-{i}")))
        {
            Write(writer, row, row.Split('-')[0], AllureStatus.Passed, null, Night.AddMinutes(1));
        }

        foreach (var row in Enumerable.Range(1, 9).Select(i => $"Cutover-{i}"))
        {
            Write(writer, row, "Cutover", AllureStatus.Skipped, $"PLANNED (DryRun), not run: {row} step{Environment.NewLine}  ssh docker-host@192.168.1.200: cd ~/quote-page && docker compose down", Night.AddMinutes(5));
        }

        var (markdown, signOff) = ChangeRecord.Render(Pack, ResultSet.Read(results), DateTimeOffset.UtcNow);

        Assert.Multiple(() =>
        {
            Assert.That(Cell(markdown, "Cutover-5", "Cutover Sequence"), Does.StartWith("PLANNED (DryRun, nothing ran:"));
            Assert.That(markdown, Does.Not.Contain("PASS — Planned"));
            Assert.That(signOff.Status, Does.StartWith("Not signed off"), "a plan is never a cutover");
        });
    }

    [Test]
    public void AKilledCutoverIsListedAsNeverCompletedAndWithholdsTheSignOff()
    {
        PassEveryRow(new AllureResultsWriter(results, EvidenceSamples.ChangeId));
        Invocation("Category=Pre", Night, Night.AddMinutes(2), exitCode: 0);
        Invocation("Category=Cutover", Night.AddMinutes(10).AddSeconds(3), finished: null, exitCode: 0, process: new ProcessIdentity(int.MaxValue, 1, "no-such-boot"));
        Invocation("Category=Post", Night.AddMinutes(40), Night.AddMinutes(42), exitCode: 0);

        var (markdown, signOff) = ChangeRecord.Render(Pack, ResultSet.Read(results), DateTimeOffset.UtcNow);

        Assert.Multiple(() =>
        {
            Assert.That(markdown, Does.Contain("| 2 | 2026-02-12 22:10:03 → — | Category=Cutover |"), "the invocation table shows no end for the killed run");
            Assert.That(markdown, Does.Contain("**never completed: started 22:10:03Z, no end recorded (killed or crashed)**"), "its exit cell says it never completed");
            Assert.That(markdown, Does.Contain($"- **Invocations that never completed:**{Environment.NewLine}  - invocation #2 (Category=Cutover): never completed"), "the summary names it");
            Assert.That(markdown, Does.Contain("#2 (Cutover, never completed)"), "the sign-off's basis names it");
            Assert.That(signOff.Status, Is.EqualTo("Not signed off: invocation #2 (Category=Cutover) never completed"), "every row passed, but a killed cutover is no clean night");
        });
    }

    [Test]
    public void ARunWhoseProcessStillLivesIsStillRunningAndAReusedPidIsNot()
    {
        var alive = ProcessIdentity.Of(Environment.ProcessId)!;
        Invocation("Category=Pre", Night, finished: null, exitCode: 0, process: alive);
        Invocation("Category=Cutover", Night.AddMinutes(10), finished: null, exitCode: 0, process: alive with { StartTicks = alive.StartTicks + 1 });

        var invocations = ResultSet.Read(results).Invocations;

        Assert.Multiple(() =>
        {
            Assert.That(invocations.All[0].Ending, Does.StartWith("still running: started 22:00:00Z"), "its dotnet test process is this live one");
            Assert.That(invocations.All[1].Ending, Does.StartWith("never completed"), "the same pid with another start time is another process");
        });
    }

    [Test]
    public void APreKilledBeforeTheGateIsListedButDoesNotWithholdTheSignOff()
    {
        PassEveryRow(new AllureResultsWriter(results, EvidenceSamples.ChangeId));
        Invocation("Category=Pre", Night.AddMinutes(-20), finished: null, exitCode: 0, process: new ProcessIdentity(int.MaxValue, 1, "no-such-boot"));
        Invocation("Category=Pre", Night, Night.AddMinutes(2), exitCode: 0);
        Invocation("Category=Cutover", Night.AddMinutes(10), Night.AddMinutes(12), exitCode: 0);
        Invocation("Category=Post", Night.AddMinutes(40), Night.AddMinutes(42), exitCode: 0);

        var (markdown, signOff) = ChangeRecord.Render(Pack, ResultSet.Read(results), DateTimeOffset.UtcNow);

        Assert.Multiple(() =>
        {
            Assert.That(markdown, Does.Contain("invocation #1 (Category=Pre): never completed: started 21:40:00Z, no end recorded (killed or crashed) (before the Pre gate"), "listed, and why it does not count");
            Assert.That(signOff.Status, Is.EqualTo("Cutover successful"), "the Pre gate that followed superseded the killed Pre");
        });
    }

    /// <summary>Every Pre, Cutover and Post row of the change pack, passed at the times their invocations ran.</summary>
    private static void PassEveryRow(AllureResultsWriter writer)
    {
        foreach (var (category, count, minute) in new[] { ("Pre", Pack.PreMatrix.Rows.Count, 1), ("Cutover", Pack.CutoverSequence.Count, 11), ("Post", Pack.PostMatrix.Rows.Count, 41) })
        {
            foreach (var row in Enumerable.Range(1, count).Select(i => $"{category}-{i}"))
            {
                Write(writer, row, category, AllureStatus.Passed, null, Night.AddMinutes(minute));
            }
        }
    }

    private static void Write(AllureResultsWriter writer, string row, string category, string status, string? message, DateTimeOffset start) =>
        writer.Write(new TestRecord(EvidenceSamples.Identity(row, category, $"{row} sample"), new TestOutcome(status, message, null, start, start.AddSeconds(3)))
        {
            Target = EvidenceSamples.Target,
            ExpectedTag = "0ce4de6",
        });

    /// <summary>An invocation record as the console logger writes it; with no finish, as it stands while running (or after a kill).</summary>
    private void Invocation(string filter, DateTimeOffset started, DateTimeOffset? finished, int exitCode, string target = "rehearsal", ProcessIdentity? process = null)
    {
        var folder = Path.Combine(results, Invocations.Folder);
        Directory.CreateDirectory(folder);
        var stage = filter.Split('=')[1];
        var project = stage switch { "Pre" => "tests/PreCutover", "Post" => "tests/PostCutover", _ => "tests/Runbooks" };
        var record = new JsonObject
        {
            ["status"] = finished is null ? InvocationRecord.Running : InvocationRecord.Completed,
            ["started"] = started.ToString("O"),
            ["filter"] = filter,
            ["command"] = $"dotnet test {project} -v q --filter {filter}",
            ["who"] = "ronny@laptop",
            ["operator"] = "@ronny",
            ["target"] = target,
            ["host"] = target == "rehearsal" ? "127.0.0.1" : "192.168.1.200",
            ["matrix_commit"] = "0123abc",
            ["release_commit"] = "HEAD",
            ["dry_run"] = false,
            ["counts"] = "14 PASS",
        };
        if (finished is { } end)
        {
            record["finished"] = end.ToString("O");
            record["exit_code"] = exitCode;
        }

        if (process is not null)
        {
            record["pid"] = process.Pid;
            record["pid_start_ticks"] = process.StartTicks;
            record["boot_id"] = process.BootId;
        }

        File.WriteAllText(Path.Combine(folder, $"{started:yyyyMMddTHHmmss}-1.json"), record.ToJsonString());
    }

    /// <summary>The Result cell of a row in the first table after a heading that starts so.</summary>
    private static string Cell(string markdown, string row, string heading)
    {
        var section = markdown[markdown.IndexOf(heading, StringComparison.Ordinal)..];
        var line = section.Split('\n').First(l => l.Contains($"</a>{row} |", StringComparison.Ordinal));
        return line.TrimEnd('\r', ' ', '|').Split(" | ")[^1].Trim();
    }
}
