using Mint.Verification.Modules;
using Mint.Verification.Remote;
using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// The automatic rollback's faults (issue 18, 3 and 5): a failure at step 5 restores what step 4
/// stopped, and a journal that cannot be written keeps neither the rollback from running nor the
/// stop block from naming the state. Real runbook runs on the host world, services compared before and after.
/// </summary>
public sealed partial class RunbookFaultTests
{
    private const string Orphan = "fault-quote-orphan";

    /// <summary>
    /// A container of project quote-page that its compose file no longer names (a retired service):
    /// `docker compose down` leaves it, so Cutover-5 fails after the old quote-page was stopped and
    /// with files-api already stopped by Cutover-4. Both must be restored, nothing started.
    /// </summary>
    [Test]
    public async Task FailureAtStepFiveRestoresWhatStepFourStopped() =>
        await WithHost(async (target, host) =>
        {
            await EnsureBeforeStateAsync(target, host);
            await Run(host, $"docker rm -f {Orphan} >/dev/null 2>&1; docker create --name {Orphan} --label com.docker.compose.project={ModuleCatalogue.QuotePageStack.Directory} --label com.docker.compose.service=retired \"$(docker inspect --format '{{{{.Config.Image}}}}' {ModuleCatalogue.QuotePageStack.Container})\"");
            try
            {
                var before = await Services(host);
                var run = await Cutover(Settings(), target, host);
                Detected("Cutover-5 fails after stopping quote-page (compose down leaves an orphan container)", ["Cutover-5", "Cutover-6", "Cutover-7", "Cutover-8", "Cutover-9"], Steps(run), "still runs");
                Assert.That(run.Step("Cutover-4").Status, Is.EqualTo(StepStatus.Done), "step 4 must have stopped files-api: " + run.Step("Cutover-4").Message);
                RestoredEverything(run, ["Rollback-1", "Rollback-2"]);
                Assert.That(await Services(host), Is.EqualTo(before), "files-api and quote-page must be back, order-intake never started");
                Assert.That(run.Downtime!.Observations, Has.Some.StartsWith("downtime files-api").And.Contain("restored by the automatic rollback at"));

                var (state, next) = StopAdvice.ForCutover(Settings(), run, run.Step("Cutover-5"));
                Assert.That(state, Does.Contain("rolled back automatically (Rollback-1 done, Rollback-2 done)").And.Contain("now: old stacks serving"));
                Assert.That(next, Does.Contain("Category=Pre").And.Not.Contain("Category=Rollback"));
            }
            finally
            {
                await Run(host, $"docker rm -f {Orphan}");
            }
        });

    /// <summary>
    /// The journal's folder turns read-only (as a full disk would refuse the write) once the unified
    /// stack is started: the health gate cannot record its time and fails, the rollback still runs,
    /// the journal writes after it fail and are named, and the stop block says what runs.
    /// </summary>
    [Test]
    public async Task JournalUnwritableDuringTheHealthGateStillRollsBack() =>
        await WithHost(async (target, host) =>
        {
            const string Folder = $"~/{DeployLayout.UnifiedDirectory}/.cutover";
            await EnsureBeforeStateAsync(target, host);
            var before = await Services(host);
            using var injector = await SshDockerHost.ConnectAsync(target.Ssh!);
            using var done = new CancellationTokenSource();
            var inject = LockJournalOnceUnifiedStartsAsync(injector, Folder, done.Token);
            RunbookRun run;
            try
            {
                run = await Cutover(Settings(), target, host);
            }
            finally
            {
                await done.CancelAsync();
                await inject;
                await Run(host, $"if [ -d {Folder} ]; then chmod 755 {Folder}; fi");
            }

            try
            {
                Detected("journal unwritable during the health gate", ["Cutover-7", "Cutover-8", "Cutover-9"], Steps(run), ".cutover/journal");
                RestoredEverything(run, ["Rollback-1", "Rollback-2", "Rollback-3"]);
                Assert.That(await Services(host), Is.EqualTo(before), "the rollback must have restored every service");
                Assert.That(run.JournalNotWritten, Has.Some.Contain("Permission denied"), "the failed write after the rollback must be reported in the run");

                var (state, next) = StopAdvice.ForCutover(Settings(), run, run.Step("Cutover-7"));
                Assert.That(state, Does.Contain("rolled back automatically").And.Contain("now: old stacks serving").And.Contain("journal NOT written"));
                Assert.That(next, Does.Contain("writable again"));
            }
            finally
            {
                // The facts the rollback could not forget would mislead the next cutover.
                await RemoteJournal.ForgetAsync(host, key => key is HostClock.HealthyKey or HostClock.StoppingKey || key.StartsWith("downtime.", StringComparison.Ordinal));
            }
        });

    /// <summary>Polls (0.2 s, bounded by the cutover's end) until order-intake runs from the unified project, then makes the journal's folder read-only.</summary>
    private static async Task LockJournalOnceUnifiedStartsAsync(SshDockerHost host, string folder, CancellationToken cutoverEnded)
    {
        while (!cutoverEnded.IsCancellationRequested)
        {
            var project = await host.RunAsync("docker inspect --format '{{index .Config.Labels \"com.docker.compose.project\"}}' order-intake 2>/dev/null || true");
            if (project.Stdout.Trim() == DeployLayout.UnifiedProject)
            {
                var locked = await host.RunAsync($"chmod 555 {folder}");
                Assert.That(locked.Succeeded, Is.True, "fault injection failed: " + locked.Transcript());
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cutoverEnded);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// These faults judge what a cutover from the before state stops and restores: a world left past
    /// step 4 by an earlier self-test (its journal holds step 4's start, or the old stacks do not
    /// serve) is rolled back first, through the Rollback runbook.
    /// </summary>
    private static async Task EnsureBeforeStateAsync(Targets.TargetUnderTest target, SshDockerHost host)
    {
        var now = await HostModules.ReadAsync(host);
        if (now.OldStacksServing && now.CutoverBegun == false)
        {
            return;
        }

        await RollBack(Settings(), target, host);
        now = await HostModules.ReadAsync(host);
        Assert.That(now.OldStacksServing && now.CutoverBegun == false, Is.True, "the host world must be in its before state first: " + now.Describe());
    }

    /// <summary>The automatic rollback ran exactly these steps, each done or already done.</summary>
    private static void RestoredEverything(RunbookRun run, string[] rollbackSteps)
    {
        Assert.That(run.AutomaticRollback, Is.Not.Null, "a failure at steps 4-7 must roll back automatically");
        Assert.That(run.AutomaticRollback!.Steps.Select(s => s.Id), Is.EqualTo(rollbackSteps));
        Assert.That(AutomaticRollback.Completed(run.AutomaticRollback), Is.True, "the automatic rollback: " + AutomaticRollback.Summary(run.AutomaticRollback));
    }

    /// <summary>The services as they run: name, image, compose project and state (not ids or times: a restore recreates containers).</summary>
    private static async Task<string> Services(SshDockerHost host)
    {
        var listing = await host.RunAsync(HostWorldListing.Command("{{.Names}} {{.Image}} {{.Label \"com.docker.compose.project\"}} {{.State}}"));
        Assert.That(listing.Succeeded, Is.True, listing.Transcript());
        return listing.Stdout;
    }

    private static double DowntimeSeconds(RunbookRun run, string service)
    {
        var figure = run.Downtime!.Observations.FirstOrDefault(o => o.StartsWith($"downtime {service} ", StringComparison.Ordinal))
            ?? throw new AssertionException($"no downtime figure for {service}: {string.Join("; ", run.Downtime.Observations)}");
        return double.Parse(figure.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
    }
}
