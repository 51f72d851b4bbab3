using Mint.Verification.Checks.Soak;
using Mint.Verification.Contract;
using Mint.Verification.Evidence;
using Mint.Verification.Modules;
using Mint.Verification.Operator;
using Mint.Verification.Remote;

namespace Mint.Verification.PostCutover;

/// <summary>
/// The Soak stage after Post (not a change-pack row: its "10s stabilization" made longer and judged):
/// one soak of the three modules for SoakSeconds, every SoakIntervalSeconds, each module's row judged
/// on its own samples against the night's Pre baseline, its chart attached. The three rows share the
/// one soak. Reads only: GETs, a validation that stores nothing, `docker inspect`. A DryRun plans it.
/// </summary>
[TestFixture]
[Category("Soak")]
public sealed class SoakRows
{
    private static readonly Lazy<Task<(SoakInputs Inputs, SoakRun Run)>> Soak = new(SoakAsync);

    /// <summary>The plan, printed once per invocation (by the first row that needs it).</summary>
    private static readonly Lazy<bool> PlanShown = new(ShowPlan);

    /// <summary>True once this invocation's soak started: a failed row then ends with the soak's stop block, not Post's.</summary>
    public static bool Started { get; private set; }

    [Test]
    [MatrixRow("Soak-files-api")]
    [Description("files-api over the soak: health, the seed Post-7 created read back, its container's restarts/OOM/state; latency against the Pre baseline")]
    public Task Soak_FilesApiHoldsOverTheSoak() => JudgeAsync(ModuleCatalogue.Artwork);

    [Test]
    [MatrixRow("Soak-order-intake")]
    [Description("order-intake over the soak: health, the valid contract validated, its container's restarts/OOM/state; latency against the Pre baseline")]
    public Task Soak_OrderIntakeHoldsOverTheSoak() => JudgeAsync(ModuleCatalogue.OrderIntake);

    [Test]
    [MatrixRow("Soak-quote-page")]
    [Description("quote-page over the soak: health, its page, its container's restarts/OOM/state; latency against the Pre baseline")]
    public Task Soak_QuotePageHoldsOverTheSoak() => JudgeAsync(ModuleCatalogue.QuotePage);

    private static async Task JudgeAsync(Module module)
    {
        var run = MatrixRun.Current;
        if (run.Settings.DryRun)
        {
            // Planned, never passed; nothing is contacted (the plan is the settings' own words), shown once in full.
            _ = PlanShown.Value;
            RowAssert.Planned(new Checks.CheckResult(SoakStage.Row(module), $"{module.Container} over the soak"), $"{SoakStage.Row(module)} on {run.Settings.Host}", SoakLine.Plan(run.Settings.Soak));
            return;
        }

        (SoakInputs Inputs, SoakRun Run) started;
        try
        {
            started = await Soak.Value;
        }
        catch (Exception notStarted) when (notStarted is not OutOfMemoryException)
        {
            // Said on the row's own line (no record of Post-7's seed, no host world, no target): never a bare "not run".
            RowAssert.Passed(new Checks.CheckResult(SoakStage.Row(module), $"{module.Container} over the soak").Fail($"the soak did not run: {notStarted.Message}"));
            return;
        }

        var (inputs, soak) = started;
        var result = SoakStage.ResultOf(module, soak, inputs);
        var verdict = soak.Of(module).Outcome switch
        {
            SoakOutcome.Pass => Verdict.Pass,
            SoakOutcome.Fail => Verdict.Fail,
            _ => Verdict.Inconclusive,
        };
        RowAssert.Judged(result, verdict);
    }

    private static bool ShowPlan()
    {
        foreach (var line in SoakLine.Plan(MatrixRun.Current.Settings.Soak))
        {
            OperatorConsole.Line($"soak       {line}");
        }

        return true;
    }

    private static async Task<(SoakInputs, SoakRun)> SoakAsync()
    {
        Started = true;
        var run = MatrixRun.Current;
        var target = await run.HostTargetAsync();
        var host = target.Endpoints.FilesApi.Host;
        var now = DateTimeOffset.UtcNow;
        var seed = SeedRecord.ReadIntake(run.Night, host, run.Settings.ChangeId, now);
        if (seed.Record is not { } intakeSeed)
        {
            throw new InvalidOperationException($"the soak cannot start: {seed.Refusal}");
        }

        SshDockerHost? ssh = null;
        try
        {
            ssh = await run.SshHostAsync();
        }
        catch (SshHostException refused)
        {
            // The soak goes on over HTTP; its samples then have no container reading, and too few is INCONCLUSIVE.
            OperatorConsole.Line($"soak       no SSH session to {run.Settings.Host}: {refused.Message}; restarts and OOM kills cannot be watched");
        }

        var inputs = new SoakInputs(run.Settings.Soak, target, new Http.ModuleHttp(SoakStage.RequestTimeout(run.Settings.Soak, run.Settings.HttpTimeout)), run.Settings.Payloads, run.Marker, intakeSeed.SeedId, ssh,
            SoakBaseline.Read(run.Night, host, run.Settings.ChangeId, now), run.Night);
        _ = PlanShown.Value;
        return (inputs, await SoakStage.RunAsync(inputs, OperatorConsole.Line));
    }
}
