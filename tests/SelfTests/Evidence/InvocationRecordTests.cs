using System.Text.Json.Nodes;
using Mint.Verification.ConsoleLogger;
using Mint.Verification.Contract;
using Mint.Verification.Operator;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>
/// The console logger's invocation record: written when the run starts (so a killed run leaves
/// one), completed under the same name when it ends, with the exit code dotnet test returns.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class InvocationRecordTests
{
    private const string Command = "dotnet test tests/Runbooks --filter Category=Cutover";
    private string night = string.Empty;

    [SetUp]
    public void MakeNight() => night = EvidenceSamples.TemporaryDirectory("invocation");

    [TearDown]
    public void RemoveNight() => Directory.Delete(night, recursive: true);

    [Test]
    public void TheRecordExistsWhileTheRunRunsWithStatusRunning()
    {
        var typed = new TypedProcess(Command, ProcessIdentity.Of(Environment.ProcessId));

        Started(typed);

        var record = OnlyRecord();
        Assert.Multiple(() =>
        {
            Assert.That(Text(record, "status"), Is.EqualTo(InvocationRecord.Running), "a started run's record says it runs");
            Assert.That(Text(record, "started"), Is.EqualTo("2026-02-12T22:10:03.0000000+00:00"), "the start is the test process's");
            Assert.That(Text(record, "command"), Is.EqualTo(Command), "the command typed");
            Assert.That(Text(record, "filter"), Is.EqualTo("Category=Cutover"), "the run's filter");
            Assert.That(record["pid"]?.GetValue<int>(), Is.EqualTo(Environment.ProcessId), "the typed process's pid");
            Assert.That(record["pid_start_ticks"]?.GetValue<long>(), Is.EqualTo(typed.Process!.StartTicks), "the typed process's start, to tell it from a reused pid");
            Assert.That(record["finished"], Is.Null, "a running record has no end");
            Assert.That(record["exit_code"], Is.Null, "a running record has no exit code");
        });
    }

    [Test]
    public void TheCompletedRecordReplacesTheStartedOne()
    {
        var session = Started(new TypedProcess(Command, null));
        var started = Records();
        Assert.That(started, Has.Length.EqualTo(1), "the record is written when the run starts");

        session.Result(new ResultLine("T.Cutover1", "Cutover1", "Cutover-1", Verdict.Pass, string.Empty, TimeSpan.Zero));
        session.Complete(RunEnd.Clean);

        var record = OnlyRecord();
        Assert.Multiple(() =>
        {
            Assert.That(Records(), Is.EqualTo(started), "the same file, rewritten, and no temporary file left");
            Assert.That(Text(record, "status"), Is.EqualTo(InvocationRecord.Completed), "a finished run's record says it completed");
            Assert.That(record["finished"], Is.Not.Null, "a completed record has its end");
            Assert.That(record["exit_code"]?.GetValue<int>(), Is.Zero, "every row passed");
            Assert.That(Text(record, "counts"), Is.EqualTo("1 PASS"), "the counts");
            Assert.That(Text(record, "started"), Is.EqualTo("2026-02-12T22:10:03.0000000+00:00"), "the start is kept");
        });
    }

    [TestCase(true, false, null, "aborted")]
    [TestCase(false, true, null, "canceled")]
    [TestCase(false, false, "TestPlatformException", "error")]
    public void ARunThatDidNotEndCleanlyExitsOneThoughNoRowFailed(bool aborted, bool canceled, string? error, string recorded)
    {
        var session = Started(new TypedProcess(Command, null));
        session.Result(new ResultLine("T.Cutover1", "Cutover1", "Cutover-1", Verdict.Pass, string.Empty, TimeSpan.Zero));

        session.Complete(new RunEnd(aborted, canceled, error));

        var record = OnlyRecord();
        Assert.Multiple(() =>
        {
            Assert.That(record["exit_code"]?.GetValue<int>(), Is.EqualTo(1), $"dotnet test exits 1 when the run is {recorded}");
            Assert.That(record[recorded]?.ToString(), Is.EqualTo(error ?? "true"), $"the record says the run was {recorded}");
        });
    }

    [Test]
    public void AFailedRowExitsOne()
    {
        var session = Started(new TypedProcess(Command, null));
        session.Result(new ResultLine("T.Cutover1", "Cutover1", "Cutover-1", Verdict.Fail, "compose down failed", TimeSpan.Zero));

        session.Complete(RunEnd.Clean);

        Assert.That(OnlyRecord()["exit_code"]?.GetValue<int>(), Is.EqualTo(1), "a failed row fails dotnet test");
    }

    private ConsoleSession Started(TypedProcess typed)
    {
        var session = new ConsoleSession(TextWriter.Null, typed) { Filter = "Category=Cutover" };
        session.Message(ConsoleProtocol.Marker + "evidence " + night);
        session.Message(ConsoleProtocol.Marker + "invocation " + new JsonObject { ["started"] = "2026-02-12T22:10:03.0000000+00:00", ["target"] = "rehearsal" }.ToJsonString());
        return session;
    }

    private JsonObject OnlyRecord()
    {
        var files = Records();
        Assert.That(files, Has.Length.EqualTo(1), "one record per invocation, under one name");
        return JsonNode.Parse(File.ReadAllText(files[0]))!.AsObject();
    }

    /// <summary>Every file in the night's invocations/ folder (none when the folder was never made).</summary>
    private string[] Records()
    {
        var folder = Path.Combine(night, InvocationRecord.Folder);
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    private static string? Text(JsonObject record, string key) => record[key]?.GetValue<string>();
}
