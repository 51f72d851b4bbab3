using Mint.Verification.Checks.Soak;
using Mint.Verification.Faults;
using Mint.Verification.Http;
using Mint.Verification.Modules;
using Mint.Verification.Remote;
using Mint.Verification.Settings;
using Mint.Verification.Targets;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// The soak's faults (issue 21), on the host the slow-cutover test has just cut over: short soaks of
/// the unified stack, each with one module broken the way a night goes wrong later: a restart, a
/// module that freezes for 3 s in every 10, a starved CPU; and a prober that reaches nothing. A
/// healthy soak passes first (the control). Every fault is put back before the next soak.
/// </summary>
public sealed partial class RunbookFaultTests
{
    /// <summary>12 s, a sample a second: long enough for the coverage rule, short enough for the catalogue.</summary>
    private static readonly SoakSettings FaultSoak = SoakSettings.Defaults with
    {
        Duration = TimeSpan.FromSeconds(12),
        Interval = TimeSpan.FromSeconds(1),
        FailureLimit = 4,
        ConsecutiveLimit = 3,
    };

    private static readonly string[] SoakRows = [.. ModuleCatalogue.All.Select(SoakStage.Row)];

    /// <summary>The old stack's baseline, as Pre's Baseline row measures it, before the cutover: what the soaks after it are held against.</summary>
    private static async Task<string> SoakBaselineBeforeTheCutoverAsync(TargetUnderTest target)
    {
        var directory = Directory.CreateTempSubdirectory("soak-fault-baseline-").FullName;
        var baseline = await BaselineSampling.RunAsync(target, new ModuleHttp(Settings().HttpTimeout), Settings().ChangeId, directory);
        Assert.That(baseline.Passed, Is.True, "the Pre baseline on the old stack: " + baseline.Describe());
        return directory;
    }

    private static async Task SoakFaultsAsync(TargetUnderTest target, SshDockerHost host, string baselineDirectory)
    {
        var http = new ModuleHttp(Settings().HttpTimeout);
        var intake = await Checks.IntakeChecks.SubmitAsync("Post-7", target, http, Settings().Payloads, "soak fault catalogue");
        Assert.That(intake.SeedId, Is.Not.Null, "the intake the soak reads back: " + intake.Result.Describe());
        var baseline = SoakBaseline.Read(baselineDirectory, target.Endpoints.FilesApi.Host, Settings().ChangeId, DateTimeOffset.UtcNow);
        Assert.That(baseline.Baseline, Is.Not.Null, baseline.Refusal);
        SoakInputs Inputs(TargetUnderTest soaked, SshDockerHost? ssh) => new(
            FaultSoak, soaked, new ModuleHttp(SoakStage.RequestTimeout(FaultSoak, Settings().HttpTimeout)), Settings().Payloads, "soak fault catalogue", intake.SeedId!.Value, ssh, baseline,
            Directory.CreateTempSubdirectory("soak-fault-").FullName);

        var healthy = await SoakAsync(Inputs(target, host));
        var held = FaultCatalogue.Held("soak of a healthy stack (the control): every module PASS", healthy.Results, string.Join("; ", healthy.Results.SelectMany(r => r.Observations.Take(1))), MatrixRun.ResultsDirectory);
        Assert.That(held.Detected && held.UnexpectedFailures.Count == 0, Is.True, held.ToString());

        // A restart by hand: the restart count stays; the start time moves (or the stopped state is seen first).
        var restarted = await SoakAsync(Inputs(target, host), host, "sleep 3 && docker restart -t 1 files-api >/dev/null");
        SoakDetected("files-api restarted mid-soak (docker restart)", restarted, ModuleCatalogue.Artwork, [SoakJudgement.RestartLimit, SoakJudgement.UnhealthyLimit], stopsEarly: true);
        await AllHealthyAgainAsync(host);

        // Frozen 3 s in every 10 (the injection ends on its own; unpaused whatever happens).
        try
        {
            // Two freezes inside a 14 s soak (at about 0.5 s and 10.5 s): 2-3 failed samples each, so the
            // consecutive limit (3 in a row) or the cumulative one (3 in all for this soak) decides.
            var paused = await SoakAsync(Inputs(target, host) with { Limits = FaultSoak with { Duration = TimeSpan.FromSeconds(14), FailureLimit = 3 } }, host,
                "docker pause quote-page >/dev/null; sleep 3; docker unpause quote-page >/dev/null; sleep 7; docker pause quote-page >/dev/null; sleep 3; docker unpause quote-page >/dev/null");
            SoakDetected("quote-page frozen 3 s in every 10 (docker pause)", paused, ModuleCatalogue.QuotePage, [SoakJudgement.ConsecutiveLimit, SoakJudgement.FailureLimit], stopsEarly: true);
        }
        finally
        {
            await host.RunAsync("docker unpause quote-page 2>/dev/null || true");
        }

        await AllHealthyAgainAsync(host);

        // Starved of CPU (3% of one core): answers of 100-500 ms where the old stack's took tens. The
        // failure limits are lifted for this soak (a starved answer past the 1 s bound is a failed
        // sample), so the latency limit against the old stack's baseline is the one that decides.
        await Run(host, "docker update --cpus 0.03 order-intake >/dev/null");
        try
        {
            var slowed = await SoakAsync(Inputs(target, host) with { Limits = FaultSoak with { FailureLimit = FaultSoak.ExpectedSamples, ConsecutiveLimit = FaultSoak.ExpectedSamples } });
            SoakDetected("order-intake starved of CPU (docker update --cpus 0.03)", slowed, ModuleCatalogue.OrderIntake, [SoakJudgement.LatencyLimit], stopsEarly: false);
        }
        finally
        {
            // `--cpus 0` changes nothing (0 is "not given" to the engine): every core is the limit that is none.
            await Run(host, "docker update --cpus \"$(nproc)\" order-intake >/dev/null");
        }

        // Nothing reachable: no HTTP answer (a closed port) and no SSH session: INCONCLUSIVE, never PASS.
        var nowhere = target with { Endpoints = ModuleEndpoints.For(_ => new Uri("http://127.0.0.1:9/")) };
        var blind = await SoakAsync(Inputs(nowhere, ssh: null) with { Limits = FaultSoak with { Duration = TimeSpan.FromSeconds(4) } });
        var unreachable = FaultCatalogue.Judge("every address unreachable (closed port, no SSH)", SoakRows, blind.Results, "expected samples had data", MatrixRun.ResultsDirectory);
        Assert.That(unreachable.Detected, Is.True, unreachable.ToString());
        Assert.That(blind.Run.Verdicts.Select(v => v.Outcome), Is.All.EqualTo(SoakOutcome.Inconclusive), "no data is INCONCLUSIVE, never PASS or FAIL");
    }

    /// <summary>After a fault, the next soak starts on three healthy containers (their healthchecks probe every 2 s).</summary>
    private static Task AllHealthyAgainAsync(SshDockerHost host) =>
        Run(host, $"for i in $(seq 1 120); do [ \"$(docker inspect --format '{{{{.State.Health.Status}}}}' {string.Join(' ', ModuleCatalogue.Containers)} | sort -u)\" = healthy ] && exit 0; sleep 0.5; done; docker inspect --format '{{{{.Name}}}} {{{{.State.Health.Status}}}}' {string.Join(' ', ModuleCatalogue.Containers)}; exit 1");

    /// <summary>One soak, with a fault injected over SSH beside it (its command ends on its own); every module's row.</summary>
    private static async Task<(SoakRun Run, IReadOnlyList<CheckResult> Results)> SoakAsync(SoakInputs inputs, SshDockerHost? injectOn = null, string? injection = null)
    {
        var injected = injectOn is not null && injection is not null ? injectOn.RunAsync(injection, TimeSpan.FromSeconds(60)) : Task.FromResult<Commands.CommandResult?>(null)!;
        var run = await SoakStage.RunAsync(inputs, TestContext.Progress.WriteLine);
        var fault = await injected;
        Assert.That(fault is null || fault.Succeeded, Is.True, "the fault injection failed: " + fault?.Transcript());
        return (run, [.. ModuleCatalogue.All.Select(m => SoakStage.ResultOf(m, run, inputs))]);
    }

    /// <summary>
    /// The broken module FAILs on one of the named limits, no other module FAILs. A decisive failure
    /// (<paramref name="stopsEarly"/>) ends the soak at once, so the others are INCONCLUSIVE naming it
    /// (all three rows expected); a latency failure is judged at the soak's end and the others pass.
    /// </summary>
    private static void SoakDetected(string fault, (SoakRun Run, IReadOnlyList<CheckResult> Results) soak, Module broken, string[] limits, bool stopsEarly)
    {
        var verdict = soak.Run.Of(broken);
        Assert.That((verdict.Outcome, limits.Contains(verdict.DecidedBy)), Is.EqualTo((SoakOutcome.Fail, true)), $"{fault}: {broken.Container} {verdict.Outcome} ({verdict.DecidedBy}): {verdict.Detail}");
        Assert.That(soak.Run.Verdicts.Where(v => v.Module != broken.Container).Select(v => v.Outcome), Has.None.EqualTo(SoakOutcome.Fail), $"{fault}: only {broken.Container} fails");
        // The broken module's row first: the catalogue quotes the first expected row's problem.
        Detected(fault, stopsEarly ? SoakRows : [SoakStage.Row(broken)], [.. soak.Results.OrderBy(r => r.Row != SoakStage.Row(broken))], broken.Container);
    }
}
