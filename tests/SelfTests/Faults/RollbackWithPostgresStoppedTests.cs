using Mint.Verification.Faults;
using Mint.Verification.Remote;
using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;
using Mint.Verification.Settings;
using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// The host fault the rollback must get through: the shared Postgres is stopped after a rehearsed
/// cutover, then README's Rollback command runs for real in a child process, with the Postgres
/// settings left empty (so nothing can be derived from files-api before the steps, as after a
/// failed cutover). The rehearsal finds its world again (a stopped Postgres is a host fault, not
/// another world); every service row runs: files-api comes back and is reported degraded (503,
/// db error), quote-page comes back, order-intake is removed, and only Rollback-4 fails, naming
/// the setting it could not derive. Postgres is started again and the rollback completed, and the
/// host's containers are compared with how the test found them.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[NonParallelizable]
public sealed class RollbackWithPostgresStoppedTests
{
    private static readonly string[] ServiceRows = ["Rollback-1", "Rollback-2", "Rollback-3"];
    private static readonly TimeSpan PostgresReadyWithin = TimeSpan.FromSeconds(60);

    [Test]
    public async Task PostgresStoppedBeforeAManualRollbackRestoresEveryServiceItCan()
    {
        using var exclusive = await RunbookContext.ExclusiveAsync(TimeSpan.FromMinutes(15));
        var target = await MatrixRun.Current.RehearsalHostTargetAsync();
        var postgres = ((await MatrixRun.Current.HostWorldAsync()).State.Layout ?? HostLayout.Default).PostgresContainer;
        using var host = await SshDockerHost.ConnectAsync(target.Ssh!);
        var before = await ContainersAsync(host);

        await PreGateSnapshot.RecordAsync(host, target);
        var cutover = await CutoverRunbook.RunAsync(new RunbookContext(FaultSettings.ShortDwell, target, host, MatrixRun.ResultsDirectory), "fault catalogue: Postgres stopped before a manual Rollback");
        Assert.That(cutover.Steps.Select(s => s.Status), Is.All.AnyOf(StepStatus.Done, StepStatus.AlreadyDone), "the rehearsed cutover the fault starts from: " + Describe(cutover));

        var results = Directory.CreateTempSubdirectory("mint-postgres-stopped-").FullName;
        var scratch = Directory.CreateTempSubdirectory("mint-postgres-stopped-settings-").FullName;
        try
        {
            await RunAsync(host, $"docker stop {ShellQuote.Quote(postgres)}");
            var rollback = await new InterruptedRun(results).CompleteAsync("Rollback", WithoutDatabaseSettings(scratch));
            var console = rollback.Stdout + rollback.Stderr;
            var rows = Bundle.ResultSet.Read(results).Results
                .Where(r => r.Feature == "Rollback" && r.Row is not null && r.Row.StartsWith("Rollback-", StringComparison.Ordinal) && r.Row != "Rollback-Verify")
                .Select(r => r.Status == "passed" ? new CheckResult(r.Row!, r.Name) : new CheckResult(r.Row!, r.Name).Fail(r.Message ?? r.Status))
                .ToList();

            Assert.That(rows.Select(r => r.Row).Distinct(), Is.EquivalentTo(ServiceRows.Append("Rollback-4")), "every rollback row ran and reported:" + Environment.NewLine + console);
            var outcome = FaultCatalogue.Judge("Postgres stopped before a manual Rollback (settings empty): services restored, only Rollback-4 fails", ["Rollback-4"], rows, "PostgresContainer", MatrixRun.ResultsDirectory);
            Assert.That(outcome.Detected, Is.True, $"{outcome}{Environment.NewLine}{console}");
            Assert.That(console, Does.Contain("restored, degraded: HTTP 503").And.Contain("\"db\":\"error\""), "files-api restored and reported degraded, with its answer:" + Environment.NewLine + console);
            Assert.That(console, Does.Contain("files-api: restored, degraded").And.Contain("quote-page: restored").And.Contain("order-intake: removed").And.Contain("metadata column: still there"), "the stop block lists each service's state:" + Environment.NewLine + console);
            Assert.That(console, Does.Not.Contain("incomplete or not this machine's"), "a stopped Postgres is a host fault, not another world");
            Assert.That(await RunAsync(host, "docker ps -q --filter name=^/order-intake$"), Is.Empty, "order-intake removed");
            TestContext.Out.WriteLine(console);
        }
        finally
        {
            await RunAsync(host, $"docker start {ShellQuote.Quote(postgres)}");
            await PostgresReadyAsync(host, postgres);
            Directory.Delete(results, recursive: true);
            Directory.Delete(scratch, recursive: true);
        }

        // The world as the test found it: the rollback completes now that Postgres is back.
        var completed = await RollbackRunbook.RunAsync(new RunbookContext(MatrixRun.Current.Settings, target, host, MatrixRun.ResultsDirectory));
        Assert.That(completed.Steps.Select(s => s.Status), Is.All.AnyOf(StepStatus.Done, StepStatus.AlreadyDone), "completing the rollback after Postgres restarted: " + Describe(completed));
        Assert.That(await ContainersAsync(host), Is.EqualTo(before), "the host's containers (name, state, image; Postgres not recreated) after the fault and its repair");
        var pre8 = await HostChecks.OldContainersHealthyAsync("Pre-8", host);
        Assert.That(pre8.Problems, Is.Empty, "the world is not back in its before state: " + pre8.Describe());
    }

    /// <summary>The rehearsal's runsettings with PostgresContainer, DatabaseUser and DatabaseName left empty, as an operator may leave them.</summary>
    private static string WithoutDatabaseSettings(string directory)
    {
        var text = File.ReadAllText(RunSettingsFile.InRepository("rehearsal.runsettings"));
        foreach (var name in new[] { "PostgresContainer", "DatabaseUser", "DatabaseName" })
        {
            text = System.Text.RegularExpressions.Regex.Replace(text, $"<Parameter name=\"{name}\" value=\"[^\"]*\" />", $"<Parameter name=\"{name}\" value=\"\" />");
        }

        Assert.That(text, Does.Contain("<Parameter name=\"PostgresContainer\" value=\"\" />"), "the rehearsal runsettings no longer name PostgresContainer as this test expects");
        var path = Path.Combine(directory, "database-settings-empty.runsettings");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Every container with its state and image, and Postgres's creation time (stopped and started, never recreated).</summary>
    private static async Task<string> ContainersAsync(SshDockerHost host) =>
        await RunAsync(host, $"{HostWorldListing.Command("{{.Names}} {{.State}} {{.Image}}")}; {HostWorldListing.Command("{{.Names}} created {{.CreatedAt}}", "name=postgres")}");

    private static async Task PostgresReadyAsync(SshDockerHost host, string postgres)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await host.RunAsync($"docker exec {ShellQuote.Quote(postgres)} pg_isready -q")).ExitCode != 0)
        {
            Assert.That(clock.Elapsed, Is.LessThan(PostgresReadyWithin), $"{postgres} did not accept connections within {PostgresReadyWithin.TotalSeconds:0} s of `docker start`");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static async Task<string> RunAsync(SshDockerHost host, string command)
    {
        var result = await host.RunAsync(command, TimeSpan.FromSeconds(90));
        Assert.That(result.Succeeded, Is.True, "fault injection or repair failed: " + result.Transcript());
        return result.Stdout.Trim();
    }

    private static string Describe(RunbookRun run) => string.Join("; ", run.Steps.Select(s => $"{s.Id} {s.Status} {s.Message}"));
}
