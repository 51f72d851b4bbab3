using Mint.Verification.Checks.Soak;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Soak;

/// <summary>Samples of a 60 s soak, 2 s apart, shaped like the faults (a healthy module, a paused one).</summary>
internal static class SoakSamples
{
    public static readonly DateTimeOffset Start = new(2026, 12, 3, 22, 0, 0, TimeSpan.Zero);
    public static readonly SoakSettings Limits = SoakSettings.Defaults with { Duration = TimeSpan.FromSeconds(60) };
    public static readonly TimeSpan Baseline = TimeSpan.FromMilliseconds(11);
    public static readonly ContainerReading Running = new("0123456789abcdef", "running", "healthy", 0, false, 0);

    /// <summary>30 samples 2 s apart, the i-th made by <paramref name="sample"/>.</summary>
    public static List<SoakSample> Of(Func<int, SoakSample> sample) =>
        [.. Enumerable.Range(0, 30).Select(i => sample(i) with { At = Start.AddSeconds(i * 2) })];

    public static SoakSample Healthy(TimeSpan? latency = null) =>
        new("files-api", Start, ProbeReading.Passed(latency ?? TimeSpan.FromMilliseconds(14)), ProbeReading.Passed(TimeSpan.FromMilliseconds(20)), Running);

    /// <summary>A paused container: no HTTP answer, docker inspect says paused (not a failure by itself).</summary>
    public static SoakSample Paused() =>
        new("files-api", Start, ProbeReading.NoAnswer("no answer within 2 s"), ProbeReading.NoAnswer("no answer within 2 s"), Running with { State = "paused" });
}
