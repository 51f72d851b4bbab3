using Mint.Verification.Faults;
using Mint.Verification.Remote;
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
public sealed class RunbookFaultTests
{
    private static readonly string[] AllCutoverSteps = [.. Enumerable.Range(1, 9).Select(n => $"Cutover-{n}")];
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
            };
            var run = await Cutover(settings, target, host);
            Detected("release never becomes healthy (health gate)", ["Cutover-6", "Cutover-7", "Cutover-8", "Cutover-9"], Steps(run), "rolled back automatically");
        });

    [Test]
    public async Task FailingMigrationStopsAtStepEight() =>
        await WithHost(async (target, host) =>
        {
            var settings = Settings() with { Deploy = Settings().Deploy with { PostgresContainer = "fault-no-such-postgres" } };
            var run = await Cutover(settings, target, host);
            Detected("migration cannot run (wrong Postgres container)", ["Cutover-8", "Cutover-9"], Steps(run), "fault-no-such-postgres");
            await RollBack(Settings(), target, host);
        });

    [Test]
    public async Task SlowCutoverAndForeignDigestsAfterASuccessfulCutover() =>
        await WithHost(async (target, host) =>
        {
            var run = await Cutover(Settings() with { DowntimeWindow = TimeSpan.FromMilliseconds(500) }, target, host);
            Detected("start slower than the downtime window (window lowered to 0.5 s)", ["Downtime"], [.. Steps(run), run.Downtime!], "DowntimeWindowSeconds");

            var foreign = new Dictionary<string, string> { ["artwork"] = "0123456789ab", ["order-intake"] = "0123456789ab", ["quote-page"] = "0123456789ab" };
            var migration = await DeploymentChecks.MetadataColumnAsync("Migration", host, Settings(), migratedAt: null);
            Detected("image digests differ from the recorded ones", ["Post-4"], [await DeploymentChecks.UnifiedContainersAsync("Post-4", host, Settings(), foreign), migration], "recorded digest");
            await RollBack(Settings(), target, host);
        });

    [Test]
    public async Task BeforeTheCutoverPostFourAndMigrationFail() =>
        await WithHost(async (_, host) =>
        {
            var digests = new Dictionary<string, string> { ["artwork"] = "sha256:", ["order-intake"] = "sha256:", ["quote-page"] = "sha256:" };
            Detected("wrong tag deployed (the old per-module images still run)", ["Post-4"], [await DeploymentChecks.UnifiedContainersAsync("Post-4", host, Settings(), digests)], "ExpectedTag");
            Detected("migration not applied", ["Migration"], [await DeploymentChecks.MetadataColumnAsync("Migration", host, Settings(), migratedAt: null)], "migration is not applied");
        });

    [Test]
    public async Task RollbackCannotReadTheSchema() =>
        await WithHost(async (target, host) =>
        {
            var run = await RollbackRunbook.RunAsync(new RunbookContext(Settings() with { Deploy = Settings().Deploy with { PostgresContainer = "fault-no-such-postgres" } }, target, host));
            // Without the seed list there is no proof that no seed is lost: every step refuses, nothing changes.
            Detected("rollback cannot reach Postgres (refused before any change)", AllRollbackSteps, Steps(run), "fault-no-such-postgres");
        });

    [Test]
    public async Task RollbackWithoutTheOldStackDirectory() =>
        await WithHost(async (target, host) =>
        {
            await Run(host, "docker stop files-api && mv ~/artwork-module ~/artwork-module.fault");
            try
            {
                var run = await RollbackRunbook.RunAsync(new RunbookContext(Settings(), target, host));
                Detected("old stack directory ~/artwork-module missing (later steps not reached)", AllRollbackSteps, Steps(run), "artwork-module");
            }
            finally
            {
                await Run(host, "mv ~/artwork-module.fault ~/artwork-module && cd ~/artwork-module && docker compose up -d --wait --wait-timeout 60");
            }
        });

    [Test]
    public async Task RunbooksThatCannotConnectChangeNothing()
    {
        var target = await MatrixRun.RehearsalHostTargetAsync();
        var intruder = target.Ssh! with { PrivateKeyPem = SshKeyPair.Generate("intruder").PrivateKeyPem };
        var refusal = (await Assert.ThrowsAsync<SshHostException>(async () => await SshDockerHost.ConnectAsync(intruder)))!;

        // What the Cutover and Rollback rows report when the runbook cannot open its session.
        Detected("runbook SSH user key refused (cutover)", AllCutoverSteps, [.. AllCutoverSteps.Select(s => new CheckResult(s, "cutover step").Fail(refusal.Message))], "refused the user key");
        Detected("runbook SSH user key refused (rollback)", AllRollbackSteps, [.. AllRollbackSteps.Select(s => new CheckResult(s, "rollback step").Fail(refusal.Message))], "refused the user key");
        await WithHost((_, host) => Task.CompletedTask);
    }

    private static VerificationSettings Settings() => MatrixRun.Settings;

    private static IReadOnlyList<CheckResult> Steps(RunbookRun run) => [.. run.Steps.Select(s => s.ToCheckResult())];

    private static async Task<RunbookRun> Cutover(VerificationSettings settings, Targets.TargetUnderTest target, SshDockerHost host) =>
        await CutoverRunbook.RunAsync(new RunbookContext(settings, target, host), "fault catalogue");

    private static async Task RollBack(VerificationSettings settings, Targets.TargetUnderTest target, SshDockerHost host)
    {
        var run = await RollbackRunbook.RunAsync(new RunbookContext(settings, target, host));
        Assert.That(run.Steps.Select(s => s.Status), Is.All.AnyOf(StepStatus.Done, StepStatus.AlreadyDone), "restoring the before state: " + string.Join("; ", run.Steps.Select(s => $"{s.Id} {s.Status} {s.Message}")));
    }

    private static void Detected(string fault, string[] rows, IReadOnlyList<CheckResult> stage, string cause)
    {
        var outcome = FaultCatalogue.Judge(fault, rows, stage, cause);
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
        var target = await MatrixRun.RehearsalHostTargetAsync();
        using var host = await SshDockerHost.ConnectAsync(target.Ssh!);
        await fault(target, host);
        var pre8 = await HostChecks.OldContainersHealthyAsync("Pre-8", host);
        Assert.That(pre8.Problems, Is.Empty, "the world is not back in its before state: " + pre8.Describe());
    }
}
