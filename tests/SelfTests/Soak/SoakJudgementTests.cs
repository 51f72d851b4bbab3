using Mint.Verification.Checks.Soak;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Soak;

/// <summary>
/// The soak's judgement over samples shaped like the faults: a healthy stack passes; a
/// restart, a replaced container, an OOM kill and an unhealthy state fail at once; a container
/// paused 3 s in every 10 fails on a failure limit; a slowed module fails on its p95 against the
/// Pre baseline; a prober that saw nothing, a soak cut short and a night without a baseline are
/// INCONCLUSIVE. Each verdict names the limit that decided and when.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class SoakJudgementTests
{
    private static readonly DateTimeOffset Start = SoakSamples.Start;
    private static readonly SoakSettings Limits = SoakSamples.Limits;
    private static readonly TimeSpan Baseline = SoakSamples.Baseline;
    private static readonly ContainerReading Running = SoakSamples.Running;

    [Test]
    public void AHealthyStackPassesWithItsFigures()
    {
        var verdict = Judge(Samples(_ => Healthy()));

        Assert.That(verdict.Outcome, Is.EqualTo(SoakOutcome.Pass), verdict.Detail);
        Assert.That(verdict.DecidedBy, Is.EqualTo(SoakJudgement.AllLimits));
        Assert.That(verdict.Detail, Does.Contain("30 samples, 0 failed (limit 5)").And.Contain("p95 14 ms (baseline 11 ms, limit 83 ms)").And.Contain("0 restarts"));
        Assert.That(verdict.Figures, Is.EqualTo(new SoakFigures(30, 30, 0, 0, TimeSpan.FromMilliseconds(14), Baseline, 0)));
    }

    [Test]
    public void ARestartMidSoakFailsAtOnceNamingItAndWhen()
    {
        var verdict = Judge(Samples(i => i < 17 ? Healthy() : Healthy() with { Container = Running with { RestartCount = 1 } }));

        Assert.That(verdict.Outcome, Is.EqualTo(SoakOutcome.Fail));
        Assert.That(verdict.DecidedBy, Is.EqualTo(SoakJudgement.RestartLimit));
        Assert.That(verdict.Detail, Does.Contain("restart count 0 -> 1").And.Contain("at 22:00:34 UTC (t+34 s)"));
        Assert.That(verdict.At, Is.EqualTo(Start.AddSeconds(34)));
    }

    [Test]
    public void ARestartByHandFailsThoughTheRestartCountStays()
    {
        // `docker restart` keeps the count (it counts only the restart policy's); the start time moves.
        var verdict = Judge(Samples(i => i < 5 ? Healthy() with { Container = Running with { StartedAt = "2026-12-03T21:59:00Z" } } : Healthy() with { Container = Running with { StartedAt = "2026-12-03T22:00:10Z" } }));

        Assert.That(verdict.Outcome, Is.EqualTo(SoakOutcome.Fail));
        Assert.That(verdict.DecidedBy, Is.EqualTo(SoakJudgement.RestartLimit));
        Assert.That(verdict.Detail, Does.Contain("restart count 0 -> 0, started at 2026-12-03T21:59:00Z -> 2026-12-03T22:00:10Z"));
    }

    [Test]
    public void AReplacedContainerAnOomKillAndAnUnhealthyStateEachFailAtOnce()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Judge(Samples(i => i < 5 ? Healthy() : Healthy() with { Container = Running with { Id = "fedcba9876543210" } })).DecidedBy, Is.EqualTo(SoakJudgement.ReplacementLimit));
            Assert.That(Judge(Samples(i => i < 5 ? Healthy() : Healthy() with { Container = Running with { OomKilled = true, State = "exited", ExitCode = 137 } })).DecidedBy, Is.EqualTo(SoakJudgement.OomLimit));
            Assert.That(Judge(Samples(i => i < 5 ? Healthy() : Healthy() with { Container = Running with { Health = "unhealthy", FailingStreak = 30 } })).DecidedBy, Is.EqualTo(SoakJudgement.UnhealthyLimit));
            // Docker shows a paused container unhealthy at once, no probe failed: its answers judge it, not that flag.
            Assert.That(Judge(Samples(_ => Healthy() with { Container = Running with { State = "paused", Health = "unhealthy", FailingStreak = 0 } })).Outcome, Is.EqualTo(SoakOutcome.Pass));
            // ... and keeps it after the unpause until a probe passes, with the streak of a probe that failed meanwhile.
            Assert.That(Judge(Samples(_ => Healthy() with { Container = Running with { Health = "unhealthy", FailingStreak = 1, HealthRetries = 30 } })).Outcome, Is.EqualTo(SoakOutcome.Pass));
            Assert.That(Judge(Samples(i => i < 5 ? Healthy() : Healthy() with { Container = Running with { State = "exited", ExitCode = 1 } })).Detail, Does.Contain("state exited (exit code 1)"));
        });
    }

    [Test]
    public void AContainerPausedThreeSecondsInEveryTenFailsOnTheCumulativeLimit()
    {
        // Every 10 s (5 samples) the first 2 samples get no answer: 2 in a row at most; the 5th failure comes at t+20 s.
        var verdict = Judge(Samples(i => i % 5 < 2 ? Paused() : Healthy()));

        Assert.That(verdict.Outcome, Is.EqualTo(SoakOutcome.Fail));
        Assert.That(verdict.DecidedBy, Is.EqualTo(SoakJudgement.FailureLimit));
        Assert.That(verdict.Detail, Does.Contain("5 failed samples in all (SoakFailureLimit 5)").And.Contain("health: no answer within 2 s"));
        Assert.That(verdict.Figures.LongestFailedRun, Is.EqualTo(2));
    }

    [Test]
    public void AModuleThatStopsAnsweringFailsWithinTheWorstCaseTimeToDetect()
    {
        var verdict = Judge(Samples(i => i < 10 ? Healthy() : Paused()));

        Assert.That(verdict.DecidedBy, Is.EqualTo(SoakJudgement.ConsecutiveLimit));
        Assert.That(verdict.Detail, Does.Contain("3 failed samples in a row (SoakConsecutiveLimit 3)"));
        Assert.That(verdict.At!.Value - Start.AddSeconds(20), Is.LessThanOrEqualTo(Limits.WorstCaseDetection), "detected within interval x consecutive limit");
        Assert.That(Limits.WorstCaseDetection, Is.EqualTo(TimeSpan.FromSeconds(6)));
    }

    [Test]
    public void ASlowedModuleFailsOnItsP95AgainstThePreBaseline()
    {
        var verdict = Judge(Samples(i => Healthy(TimeSpan.FromMilliseconds(i < 3 ? 12 : 140))));

        Assert.That(verdict.Outcome, Is.EqualTo(SoakOutcome.Fail));
        Assert.That(verdict.DecidedBy, Is.EqualTo(SoakJudgement.LatencyLimit));
        Assert.That(verdict.Detail, Does.Contain("health p95 140 ms over the soak, against the Pre baseline p95 11 ms x 3 + 50 ms = 83 ms"));
    }

    [Test]
    public void AProberThatSawNothingIsInconclusiveNeverPass()
    {
        var blind = new SoakSample("files-api", Start, ProbeReading.NoAnswer("connection refused"), ProbeReading.NoAnswer("connection refused"), null);

        var verdict = Judge(Samples(_ => blind));

        Assert.That(verdict.Outcome, Is.EqualTo(SoakOutcome.Inconclusive));
        Assert.That(verdict.DecidedBy, Is.EqualTo(SoakJudgement.CoverageLimit));
        Assert.That(verdict.Detail, Does.Contain("only 0 of the 30 expected samples had data").And.Contain("at least 24"));
    }

    [Test]
    public void ASoakCutShortIsInconclusive()
    {
        var verdict = Judge(Samples(_ => Healthy()).Take(10).ToList());

        Assert.That(verdict.Outcome, Is.EqualTo(SoakOutcome.Inconclusive));
        Assert.That(verdict.Detail, Does.Contain("only 10 of the 30 expected samples"));
    }

    [Test]
    public void ASoakThatCouldNotReadTheContainerIsInconclusiveNotPass()
    {
        // HTTP answered every time, but docker inspect over SSH never did: a restart would have gone unseen.
        var verdict = Judge(Samples(_ => Healthy() with { Container = null }));

        Assert.That(verdict.Outcome, Is.EqualTo(SoakOutcome.Inconclusive));
        Assert.That(verdict.Detail, Does.Contain("only 0 of the 30 expected samples read the container").And.Contain("restarts, OOM kills and replacements were not watched"));
    }

    [Test]
    public void ASoakWhoseEndWentDarkIsInconclusiveNotPass()
    {
        var blind = new SoakSample("files-api", Start, ProbeReading.NoAnswer("no route to host"), ProbeReading.NoAnswer("no route to host"), null);

        var verdict = Judge(Samples(i => i < 24 ? Healthy() : blind));

        Assert.That(verdict.Outcome, Is.EqualTo(SoakOutcome.Inconclusive), verdict.Detail);
        Assert.That(verdict.Detail, Does.Contain("nothing answered (HTTP or SSH) for 6 samples in a row from 22:00:48 UTC (t+48 s)"));
    }

    [Test]
    public void NoSucceededHealthRequestIsInconclusiveNotPass()
    {
        var wrong = Healthy() with { Health = ProbeReading.Wrong(TimeSpan.FromMilliseconds(5), "HTTP 500") };

        var verdict = SoakJudgement.Judge("files-api", Samples(_ => wrong), Limits with { FailureLimit = 100, ConsecutiveLimit = 100 }, Baseline, Start);

        Assert.That(verdict.Outcome, Is.EqualTo(SoakOutcome.Inconclusive));
        Assert.That(verdict.Detail, Does.Contain("no health request succeeded"));
    }

    [Test]
    public void AnotherModulesSampleIsRefused()
    {
        Assert.Throws<ArgumentException>(() => SoakJudgement.Judge("quote-page", Samples(_ => Healthy()), Limits, Baseline, Start));
    }

    [Test]
    public void ANightWithoutAPreBaselineIsInconclusive()
    {
        var verdict = SoakJudgement.Judge("files-api", Samples(_ => Healthy()), Limits, baselineP95: null, Start);

        Assert.That(verdict.Outcome, Is.EqualTo(SoakOutcome.Inconclusive));
        Assert.That(verdict.DecidedBy, Is.EqualTo(SoakJudgement.BaselineLimit));
    }

    [Test]
    public void BlindSamplesNeitherFailNorBreakARunOfFailures()
    {
        var blind = new SoakSample("files-api", Start, ProbeReading.NoAnswer("no route"), ProbeReading.NoAnswer("no route"), null);
        var verdict = Judge(Samples(i => i switch { 10 or 12 => Paused(), 11 => blind, _ => Healthy() }));

        Assert.That(verdict.Outcome, Is.EqualTo(SoakOutcome.Pass), verdict.Detail);
        Assert.That(verdict.Figures.LongestFailedRun, Is.EqualTo(2), "the blind sample between two failures neither counts nor resets the run");
    }

    [Test]
    public void PercentilesAreMeasuredValuesByNearestRank()
    {
        var latencies = Enumerable.Range(1, 20).Select(ms => TimeSpan.FromMilliseconds(ms)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(LatencyPercentile.Of(latencies, 95), Is.EqualTo(TimeSpan.FromMilliseconds(19)));
            Assert.That(LatencyPercentile.Of(latencies, 50), Is.EqualTo(TimeSpan.FromMilliseconds(10)));
            Assert.That(LatencyPercentile.Of([TimeSpan.FromMilliseconds(7)], 95), Is.EqualTo(TimeSpan.FromMilliseconds(7)));
            Assert.That(LatencyPercentile.Of([], 95), Is.Null);
        });
    }

    private static SoakVerdict Judge(IReadOnlyList<SoakSample> samples) => SoakJudgement.Judge("files-api", samples, Limits, Baseline, Start);

    private static List<SoakSample> Samples(Func<int, SoakSample> sample) => SoakSamples.Of(sample);

    private static SoakSample Healthy(TimeSpan? latency = null) => SoakSamples.Healthy(latency);

    private static SoakSample Paused() => SoakSamples.Paused();
}
