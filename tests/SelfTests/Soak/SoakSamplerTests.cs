using System.Diagnostics;
using System.Text.Json.Nodes;
using FluentAssertions;
using Mint.Verification.Checks.Soak;
using Mint.Verification.Modules;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Soak;

/// <summary>
/// The soak's schedule, its samples file and its early end, with the modules' answers and the
/// container readings given (the requests themselves are the rehearsal's: the soak faults).
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class SoakSamplerTests
{
    /// <summary>A short soak: 1.2 s, a sample every 0.1 s (12 per module).</summary>
    private static readonly SoakSettings Limits = SoakSamples.Limits with { Duration = TimeSpan.FromMilliseconds(1200), Interval = TimeSpan.FromMilliseconds(100) };

    private string directory = string.Empty;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("soak-sampler-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public async Task AHealthySoakTakesEverySampleOfEveryModuleAndWritesThemAsJsonLines()
    {
        var live = new List<string>();
        var recording = await Sampler(Healthy, Readings(restartsOf: _ => 0), live.Add).RunAsync(SamplesFile);

        recording.StoppedEarlyBy.Should().BeNull();
        foreach (var module in ModuleCatalogue.All)
        {
            recording.Of(module.Container).Should().HaveCount(Limits.ExpectedSamples, $"{module.Container} is sampled on every tick");
            SoakJudgement.Judge(module.Container, recording.Of(module.Container), Limits, TimeSpan.FromMilliseconds(5), recording.Started).Outcome.Should().Be(SoakOutcome.Pass);
        }

        var lines = File.ReadAllLines(SamplesFile);
        lines.Should().HaveCount(3 * Limits.ExpectedSamples);
        var first = JsonNode.Parse(lines[0])!.AsObject();
        first["module"]!.GetValue<string>().Should().BeOneOf(ModuleCatalogue.Containers);
        first["health"]!["ok"]!.GetValue<bool>().Should().BeTrue();
        first["container"]!["restart_count"]!.GetValue<int>().Should().Be(0);
    }

    [Test]
    public async Task ARestartEndsTheSoakAtTheNextSampleNamingTheModule()
    {
        var clock = Stopwatch.StartNew();
        var recording = await Sampler(Healthy, Readings(restartsOf: module => module == "files-api" && clock.Elapsed > TimeSpan.FromMilliseconds(300) ? 1 : 0), _ => { }).RunAsync(SamplesFile);

        recording.StoppedEarlyBy.Should().NotBeNull("a restart is decisive");
        recording.StoppedEarlyBy!.Module.Should().Be("files-api");
        recording.StoppedEarlyBy.DecidedBy.Should().Be(SoakJudgement.RestartLimit);
        recording.Of("files-api").Count.Should().BeLessThan(Limits.ExpectedSamples, "the soak stopped before its end");
    }

    [Test]
    public async Task AModuleThatHangsDoesNotDelayTheOthersSamples()
    {
        // quote-page answers each request only after 0.5 s (five intervals): its samples still start on their ticks.
        async Task<(ProbeReading, ProbeReading)> Hanging(Module module, CancellationToken cancellation)
        {
            if (module == ModuleCatalogue.QuotePage)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation);
                return (ProbeReading.NoAnswer("no answer within 0.5 s"), ProbeReading.NoAnswer("no answer within 0.5 s"));
            }

            return await Healthy(module, cancellation);
        }

        var recording = await Sampler(Hanging, Readings(restartsOf: _ => 0), _ => { }).RunAsync(SamplesFile);

        recording.StoppedEarlyBy.Should().NotBeNull();
        recording.StoppedEarlyBy!.DecidedBy.Should().Be(SoakJudgement.ConsecutiveLimit);
        recording.StoppedEarlyBy.Module.Should().Be("quote-page");
        var ats = recording.Of("quote-page").Select(s => s.At).ToList();
        ats.Zip(ats.Skip(1), (a, b) => b - a).Should().OnlyContain(gap => gap < TimeSpan.FromMilliseconds(400), "a sample starts on its tick, not after the one before answered");
    }

    [Test]
    public async Task FailuresAroundASlowAnswerThatIsOkAreNotTakenForARunInARow()
    {
        // quote-page: tick 0 fails, tick 1 answers ok after 0.6 s, ticks 2 and 3 fail at once, then ok.
        // Judged before tick 1 answers, ticks 0, 2, 3 would look like 3 failures in a row.
        var calls = 0;
        async Task<(ProbeReading, ProbeReading)> Probe(Module module, CancellationToken cancellation)
        {
            if (module != ModuleCatalogue.QuotePage)
            {
                return await Healthy(module, cancellation);
            }

            var call = Interlocked.Increment(ref calls) - 2; // the warm-up is call 1: tick 0 is call 2
            if (call == 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(600), cancellation);
            }

            return call is 0 or 2 or 3 ? (ProbeReading.NoAnswer("refused"), ProbeReading.NoAnswer("refused")) : await Healthy(module, cancellation);
        }

        var recording = await new SoakSampler(Limits with { FailureLimit = 10 }, Probe, Readings(restartsOf: _ => 0), _ => { }).RunAsync(SamplesFile);

        recording.StoppedEarlyBy.Should().BeNull("the longest run of failures is 2 (ticks 2 and 3), under the limit of 3");
        recording.Of("quote-page").Should().HaveCount(Limits.ExpectedSamples);
    }

    [Test]
    public async Task NoSessionToReadTheContainersIsSamplesWithoutReadingsNotAnEndOfTheSoak()
    {
        var recording = await Sampler(Healthy, _ => throw new InvalidOperationException("ssh refused"), _ => { }).RunAsync(SamplesFile);

        recording.StoppedEarlyBy.Should().BeNull();
        recording.Samples.Should().OnlyContain(s => s.Container == null);
        SoakJudgement.Judge("order-intake", recording.Of("order-intake"), Limits, TimeSpan.FromMilliseconds(5), recording.Started).Outcome.Should().Be(SoakOutcome.Inconclusive, "restarts went unwatched");
    }

    [Test]
    public void TheLiveLineNamesSamplesFailuresP95AndRestarts()
    {
        var samples = SoakSamples.Of(i => i == 4 ? SoakSamples.Paused() : SoakSamples.Healthy());
        var line = SoakLine.Live("files-api", TimeSpan.FromSeconds(30), samples, SoakSamples.Start);

        line.Should().Contain("t+30 s").And.Contain("files-api").And.Contain("30 samples, 1 failed, p95 14 ms, 0 restarts; last failure: no answer within 2 s");
    }

    [Test]
    public void ThePlanStatesTheWorstCaseTimeToDetectAndTheSoaksLength()
    {
        var plan = string.Join('\n', SoakLine.Plan(SoakSamples.Limits));

        plan.Should().Contain("soak 60 s").And.Contain("2 s x 3 (SoakConsecutiveLimit) = 6 s").And.Contain("reads only");
    }

    private string SamplesFile => Path.Combine(directory, "soak-samples.jsonl");

    private static SoakSampler Sampler(
        Func<Module, CancellationToken, Task<(ProbeReading, ProbeReading)>> probe,
        Func<CancellationToken, Task<IReadOnlyDictionary<string, ContainerReading>?>> readings,
        Action<string> live) =>
        new(Limits, async (module, cancellation) => await probe(module, cancellation), readings, live);

    private static Task<(ProbeReading, ProbeReading)> Healthy(Module module, CancellationToken cancellation) =>
        Task.FromResult((ProbeReading.Passed(TimeSpan.FromMilliseconds(3)), ProbeReading.Passed(TimeSpan.FromMilliseconds(4))));

    private static Func<CancellationToken, Task<IReadOnlyDictionary<string, ContainerReading>?>> Readings(Func<string, int> restartsOf) =>
        _ => Task.FromResult<IReadOnlyDictionary<string, ContainerReading>?>(
            ModuleCatalogue.Containers.ToDictionary(c => c, c => SoakSamples.Running with { RestartCount = restartsOf(c) }));
}
