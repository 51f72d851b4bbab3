using Mint.Verification.Faults;
using Mint.Verification.Modules;
using Mint.Verification.Remote;
using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// The fault catalogue for the runbooks and the rows that need a cut-over host: each fault runs
/// the real runbook (or the Post-4 / migration checks) on the shared host world and the rows that
/// depend on the fault must fail, and only those. Every test leaves the world in its before state
/// (old stacks serving, Pre-8 passing), which it asserts.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[NonParallelizable]
public sealed partial class RunbookFaultTests
{
    /// <summary>Steps 1-9 and the canary start the matrix adds after step 3.</summary>
    internal static readonly string[] AllCutoverSteps = [.. CutoverRunbook.Steps("fault catalogue").Select(step => step.Id)];
    private static readonly string[] AllRollbackSteps = [.. Enumerable.Range(1, 4).Select(n => $"Rollback-{n}")];

    [Test]
    public async Task CutoverWithoutTheNewKeyStopsBeforeAnythingChanges() =>
        await WithHost(async (target, host) =>
        {
            // A host that has never been cut over has no .env.prod; an existing complete one would
            // already hold the key and step 1 would rightly report "already done".
            await Run(host, $"rm -f ~/{DeployLayout.UnifiedDirectory}/{DeployLayout.EnvFile}");
            var run = await Cutover(Settings(), target with { OrderIntakeApiKey = null }, host);
            Detected("order-intake key not supplied (.env.prod incomplete)", AllCutoverSteps, Steps(run), "ORDER_INTAKE_API_KEY");
        });

    [Test]
    public async Task UnhealthyReleaseRollsBackAutomatically() =>
        await WithHost(async (target, host) =>
        {
            var settings = Settings() with
            {
                Images = Settings().Images with { ExpectedTag = "fault-unhealthy" },
                Deploy = Settings().Deploy with { BuildArgs = [.. Settings().Deploy.BuildArgs, "MODULE_GENERATION=fault-not-a-generation"] },
                StartupTimeout = TimeSpan.FromSeconds(30),
                // The health gate is under test: the canary (Cutover-3b) would refuse this release before downtime (CanaryFaultTests).
                CanaryStart = TimeSpan.Zero,
            };
            await EnsureBeforeStateAsync(target, host);
            var before = await Services(host);
            var run = await Cutover(settings, target, host);
            Detected("release never becomes healthy (health gate)", ["Cutover-6", "Cutover-7", "Cutover-8", "Cutover-9"], Steps(run), "rolled back automatically");
            RestoredEverything(run, ["Rollback-1", "Rollback-2", "Rollback-3"]);
            Assert.That(await Services(host), Is.EqualTo(before), "every service must be back as before the cutover (name, image, project, state)");

            // The outage of files-api lasts from step 4 through the health gate until Rollback-1
            // restored it: a prober stopped with the failing step would miss the restore.
            var gate = run.Steps.Last(s => s.Status == StepStatus.Failed && s.Id is "Cutover-6" or "Cutover-7");
            var restore = gate.Elapsed + run.AutomaticRollback!.Step("Rollback-1").Elapsed - TimeSpan.FromSeconds(1);
            Assert.That(DowntimeSeconds(run, "files-api"), Is.GreaterThanOrEqualTo(restore.TotalSeconds), "the downtime must include the restore: " + string.Join("; ", run.Downtime!.Observations));
        });

    [Test]
    public async Task ReleaseThatTurnsUnhealthyAfterItsFirstHealthyRollsBack() =>
        await WithHost(async (target, host) =>
        {
            // order-intake built with a fault switch: healthy at first, /health 503 from 3 s later.
            var settings = Settings() with
            {
                // The rehearsal's full dwell (10 s): the release turns unhealthy 3 s in, inside it.
                Stabilization = MatrixRun.Current.Settings.Stabilization,
                Images = Settings().Images with { ExpectedTag = "fault-flapping" },
                Deploy = Settings().Deploy with { BuildArgs = [.. Settings().Deploy.BuildArgs, "MODULE_FAULT=unhealthy_after_first_healthy"] },
            };
            var run = await Cutover(settings, target, host);
            Detected("release turns unhealthy 3 s after its first healthy (stabilisation)", ["Cutover-7", "Cutover-8", "Cutover-9"], Steps(run), "not stable: order-intake");
            Assert.That(run.AutomaticRollback, Is.Not.Null, "the health gate must roll back when the release does not stay healthy");
        });

    [Test]
    public async Task WrongPostgresContainerIsRefusedAtStepZero() =>
        await WithHost(async (target, host) =>
        {
            // Found at Cutover-8 this would be an outage; the readiness gate finds it before step 1.
            const string OldContainers = "docker ps -q --filter label=com.docker.compose.project=artwork-module; docker ps -q --filter label=com.docker.compose.project=quote-page";
            var before = (await host.RunAsync(OldContainers)).Stdout;
            var settings = Settings() with { Deploy = Settings().Deploy with { PostgresContainer = "fault-no-such-postgres" } };
            var run = await Cutover(settings, target, host);
            Detected("wrong PostgresContainer: cutover refused at step 0", AllCutoverSteps, Steps(run), "Ready-1: PostgresContainer: no container 'fault-no-such-postgres'");
            Assert.That((await host.RunAsync(OldContainers)).Stdout, Is.EqualTo(before).And.Not.Empty, "the refused cutover changed the old stacks' containers");
        });

    /// <summary>
    /// The faults that need a host cut over, on one cutover: a slow start, foreign digests, the old
    /// seed's (<see cref="OldSeedFaultsAsync"/>), the Access row's (<see cref="AccessFaultsAsync"/>),
    /// the soak's (<see cref="SoakFaultsAsync"/>), and a migration record that outlives a lost journal
    /// (<see cref="MigrationRecordOutlivesALostJournalAsync"/>). One cutover and one rollback serve
    /// them all (each a real cutover of 20-40 s on the 2-core CI machine); each fault undoes itself.
    /// </summary>
    [Test]
    public async Task SlowCutoverAndForeignDigestsAfterASuccessfulCutover() =>
        await WithHost(async (target, host) =>
        {
            var oldSeed = await PreGateSnapshot.RecordOldSeedAsync(host, target);
            var baseline = await SoakBaselineBeforeTheCutoverAsync(target);
            var run = await Cutover(Settings() with { DowntimeWindow = TimeSpan.FromMilliseconds(500) }, target, host);
            Detected("start slower than the downtime window (window lowered to 0.5 s)", ["Downtime"], [.. Steps(run), run.Downtime!], "DowntimeWindowSeconds");
            // Issue 17 item 9, after the cutover (RehearsalExposureTests checks before it): on this cutover, not one of its own.
            await Isolation.RehearsalPublishers.AssertLoopbackOnlyAfterTheCutoverAsync(host);

            var foreign = new Dictionary<string, string> { ["artwork"] = "0123456789ab", ["order-intake"] = "0123456789ab", ["quote-page"] = "0123456789ab" };
            var migration = await DeploymentChecks.MetadataColumnAsync("Migration", host, Settings(), await Runbooks.Cutover.MigrationRecord.ReadAsync(host, Settings()));
            Detected("image digests differ from the recorded ones", ["Post-4"], [await DeploymentChecks.UnifiedContainersAsync("Post-4", host, Settings(), foreign, await MatrixRun.Current.ReleaseCommitAsync()), migration], "recorded digest");
            await OldSeedFaultsAsync(host, oldSeed);
            await AccessFaultsAsync(target);
            await SoakFaultsAsync(target, host, baseline);
            await MigrationRecordOutlivesALostJournalAsync(target, host);
            await RollBack(Settings(), target, host);
        });

    /// <summary>
    /// As if a cutover was killed after the migration committed and before the journal recorded it:
    /// the journal's migrated_at is forgotten on a host cut over, and the cutover run again finds the
    /// migration by its record in the database (the column's comment), not by the journal: Cutover-8
    /// is "already done". The intake seed Cutover-9 wrote has metadata and must not count as a
    /// pre-existing row.
    /// </summary>
    private static async Task MigrationRecordOutlivesALostJournalAsync(Targets.TargetUnderTest target, SshDockerHost host)
    {
        await RemoteJournal.ForgetAsync(host, key => key == "migrated_at");
        var again = await Cutover(Settings(), target, host);
        var migration = again.Step("Cutover-8");
        Assert.That(migration.Status, Is.EqualTo(StepStatus.AlreadyDone), "a re-run without the journal's migrated_at: " + migration.Message);
    }

    [Test]
    public async Task BeforeTheCutoverPostFourAndMigrationFail() =>
        await WithHost(async (_, host) =>
        {
            var digests = new Dictionary<string, string> { ["artwork"] = "sha256:", ["order-intake"] = "sha256:", ["quote-page"] = "sha256:" };
            Detected("wrong tag deployed (the old per-module images still run)", ["Post-4"], [await DeploymentChecks.UnifiedContainersAsync("Post-4", host, Settings(), digests, await MatrixRun.Current.ReleaseCommitAsync())], "ExpectedTag");
            Detected("migration not applied", ["Migration"], [await DeploymentChecks.MetadataColumnAsync("Migration", host, Settings(), migratedAt: null)], "migration is not applied");
        });

    [Test]
    public async Task RollbackCannotReadTheSchema() =>
        await WithHost(async (target, host) =>
        {
            var run = await RollbackRunbook.RunAsync(new RunbookContext(Settings() with { Deploy = Settings().Deploy with { PostgresContainer = "fault-no-such-postgres" } }, target, host, MatrixRun.ResultsDirectory));
            // The service steps never need the database; only the reverse migration (which destroys
            // data) needs the seed list as its proof, and refuses alone without it.
            Detected("rollback cannot reach Postgres: service restored, Rollback-4 refuses", ["Rollback-4"], Steps(run), "cannot list the seeds first");
        });

    [Test]
    public async Task RollbackWithoutTheOldStackDirectory() =>
        await WithHost(async (target, host) =>
        {
            await Run(host, "docker stop files-api && mv ~/artwork-module ~/artwork-module.fault");
            try
            {
                var run = await RollbackRunbook.RunAsync(new RunbookContext(Settings(), target, host, MatrixRun.ResultsDirectory));
                // Rollback-2 and -3 still run (each service on its own); the reverse migration waits for files-api.
                Detected("old stack directory ~/artwork-module missing (Rollback-2/3 still run, Rollback-4 not reached)", ["Rollback-1", "Rollback-4"], Steps(run), "artwork-module");
            }
            finally
            {
                await Run(host, "mv ~/artwork-module.fault ~/artwork-module && cd ~/artwork-module && docker compose up -d --wait --wait-timeout 60");
            }
        });

    /// <summary>
    /// The fault injected into the world: docker-host stops accepting the operator's key (its
    /// authorized_keys moved aside, through the session already open). README's Cutover and
    /// Rollback commands then run for real in a child process; every row must fail naming the
    /// refusal, and the host must be exactly as before.
    /// </summary>
    [Test]
    public async Task RunbooksThatCannotConnectChangeNothing() =>
        await WithHost(async (_, host) =>
        {
            var before = await Containers(host);
            var results = Directory.CreateTempSubdirectory("mint-refused-key-").FullName;
            await Run(host, "mv ~/.ssh/authorized_keys ~/.ssh/authorized_keys.fault");
            try
            {
                foreach (var (stage, rows) in new[] { ("Cutover", AllCutoverSteps.Append("Downtime").ToArray()), ("Rollback", AllRollbackSteps.Append("Rollback-Verify").ToArray()) })
                {
                    var stageResults = Path.Combine(results, stage);
                    var run = await new InterruptedRun(stageResults).CompleteAsync(stage);
                    Assert.That(run.ExitCode, Is.Not.EqualTo(0), $"{stage} with a refused key must fail:{Environment.NewLine}{run.Transcript()}");
                    var outcomes = Bundle.ResultSet.Read(stageResults).Results.Where(r => r.Feature == stage && r.Row is not null)
                        .Select(r => r.Status == "passed" ? new CheckResult(r.Row!, r.Name) : new CheckResult(r.Row!, r.Name).Fail(r.Message ?? r.Status)).ToList();
                    Detected($"runbook SSH user key refused ({stage}, README's command run for real)", rows, outcomes, "refused the user key");
                }
            }
            finally
            {
                await Run(host, "mv ~/.ssh/authorized_keys.fault ~/.ssh/authorized_keys");
                Directory.Delete(results, recursive: true);
            }

            Assert.That(await Containers(host), Is.EqualTo(before), "a runbook that cannot connect must change nothing on the host");
        });

    /// <summary>Every container on the host with its state and start time: what "changed nothing" is judged on.</summary>
    private static async Task<string> Containers(SshDockerHost host)
    {
        var listing = await host.RunAsync(HostWorldListing.Command("{{.Names}} {{.State}} {{.CreatedAt}}"));
        Assert.That(listing.Succeeded, Is.True, listing.Transcript());
        return listing.Stdout;
    }

    /// <summary>
    /// <see cref="FaultSettings.ShortDwell"/>: the one test that proves the dwell (a release that turns
    /// unhealthy 3 s after its first healthy) sets the rehearsal's own StabilizationSeconds back.
    /// </summary>
    private static VerificationSettings Settings() => FaultSettings.ShortDwell;

    private static IReadOnlyList<CheckResult> Steps(RunbookRun run) => [.. run.Steps.Select(s => s.ToCheckResult())];

    /// <summary>The cutover after a fresh Pre gate snapshot, as the operator runs it (step 0 refuses a stale one).</summary>
    private static async Task<RunbookRun> Cutover(VerificationSettings settings, Targets.TargetUnderTest target, SshDockerHost host)
    {
        await PreGateSnapshot.RecordAsync(host, target);
        return await CutoverRunbook.RunAsync(new RunbookContext(settings, target, host, MatrixRun.ResultsDirectory), "fault catalogue");
    }

    private static async Task RollBack(VerificationSettings settings, Targets.TargetUnderTest target, SshDockerHost host)
    {
        var run = await RollbackRunbook.RunAsync(new RunbookContext(settings, target, host, MatrixRun.ResultsDirectory));
        Assert.That(run.Steps.Select(s => s.Status), Is.All.AnyOf(StepStatus.Done, StepStatus.AlreadyDone), "restoring the before state: " + string.Join("; ", run.Steps.Select(s => $"{s.Id} {s.Status} {s.Message}")));
    }

    private static void Detected(string fault, string[] rows, IReadOnlyList<CheckResult> stage, string cause)
    {
        var outcome = FaultCatalogue.Judge(fault, rows, stage, cause, MatrixRun.ResultsDirectory);
        Assert.That(outcome.Detected, Is.True, $"{outcome}{Environment.NewLine}{string.Join(Environment.NewLine, stage.Where(r => !r.Passed).Select(r => r.Describe()))}");
    }

    private static async Task Run(SshDockerHost host, string command)
    {
        var result = await host.RunAsync(command, TimeSpan.FromSeconds(90));
        Assert.That(result.Succeeded, Is.True, "fault injection or repair failed: " + result.Transcript());
    }

    /// <summary>Runs a fault on the host world (one runbook at a time), then proves the before state is back.</summary>
    private static async Task WithHost(Func<Targets.TargetUnderTest, SshDockerHost, Task> fault)
    {
        using var exclusive = await RunbookContext.ExclusiveAsync(TimeSpan.FromMinutes(15));
        var target = await MatrixRun.Current.RehearsalHostTargetAsync();
        using var host = await SshDockerHost.ConnectAsync(target.Ssh!);
        await fault(target, host);
        var pre8 = await HostChecks.OldContainersHealthyAsync("Pre-8", host);
        Assert.That(pre8.Problems, Is.Empty, "the world is not back in its before state: " + pre8.Describe());
    }
}
