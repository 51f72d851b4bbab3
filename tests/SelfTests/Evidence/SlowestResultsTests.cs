using System.Text.Json.Nodes;
using Mint.Verification.Bundle;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>The performance table README is made from: tests and fixtures ranked by their own seconds.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class SlowestResultsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 4, 0, 0, TimeSpan.Zero);

    [Test]
    public void TestsAndFixturesAreRankedByTheirSecondsAcrossFolders()
    {
        var first = EvidenceSamples.TemporaryDirectory("slowest-a");
        var second = EvidenceSamples.TemporaryDirectory("slowest-b");
        try
        {
            Write(first, "Mint.Verification.SelfTests.Faults.SlowFixture.First", 0, 40);
            Write(first, "Mint.Verification.SelfTests.Faults.SlowFixture.Second(\"a.b\")", 45, 60);
            Write(second, "Mint.Verification.SelfTests.Evidence.QuickFixture.Only", 0, 2);
            // Side by side (10-20 and 15-25: 15 s), then run again an hour later (5 s): 20 s, not the hour.
            Write(second, "Mint.Verification.PreCutover.Rows.A", 10, 20);
            Write(second, "Mint.Verification.PreCutover.Rows.B", 15, 25);
            Write(second, "Mint.Verification.PreCutover.Rows.A", 3600, 3605);

            var lines = SlowestResults.Table([first, second], 4).Split('\n');

            Assert.That(lines[0], Does.StartWith("6 results;"));
            Assert.That(BodyRows(lines), Is.EqualTo(new[]
            {
                "| 55.0 | fixture | SelfTests.Faults.SlowFixture (2 tests) |",
                "| 40.0 | test | SelfTests.Faults.SlowFixture.First |",
                "| 20.0 | fixture | PreCutover.Rows (3 tests) |",
                "| 15.0 | test | SelfTests.Faults.SlowFixture.Second(\"a.b\") |",
            }), "a fixture counts the time any of its tests ran; a dot inside arguments is not a class");
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }

    [Test]
    public void AMissingFolderOrABadCountIsAUsageError()
    {
        Assert.That(SlowestCommand.Run(["/nonexistent/results"]), Is.EqualTo(2));
        Assert.That(SlowestCommand.Run(["--count", "0", Path.GetTempPath()]), Is.EqualTo(2));
        Assert.That(SlowestCommand.Run([]), Is.EqualTo(2));
    }

    [Test]
    public void TheMachinesCpuIsSharedAmongTheTestsRunningInEachInterval()
    {
        var results = EvidenceSamples.TemporaryDirectory("slowest-cpu");
        var samples = Path.Combine(results, "cpu-samples.txt");
        try
        {
            Write(results, "Mint.Verification.SelfTests.Faults.KillFixture.Chain", 0, 10);
            Write(results, "Mint.Verification.Contracts.SideLane.Only", 0, 5);
            Write(results, "Mint.Verification.SelfTests.Faults.GateFixture.Refused", 10, 16);
            // 2 cores; 0-10 s half busy (10 core-s; two tests side by side, 10 s and 5 s of it), 10-20 s all busy (20 core-s; one test for 6 s of it).
            // verify.sh's phases: the CPU no test ran for in 10-20 s is the lanes' (the build's had none).
            // The phase's own sample (at 10 s) reaches the file after the sampler's next one: read in time order.
            File.WriteAllLines(samples, ["# cores 2", Phase(0, "the build"), Sample(0, busy: 0, all: 0), Phase(10, "the two lanes"), Sample(20, busy: 3000, all: 4000), Sample(10, busy: 1000, all: 2000)]);

            var table = CpuAttribution.Table([.. ResultSet.Read(results).Results], CpuSamples.Read(samples), 5).Split('\n');

            Assert.That(table[0], Does.StartWith("machine CPU 30 core-s in 20 s (75 % of 2 cores)"));
            Assert.That(BodyRows(table), Is.EqualTo(new[]
            {
                "| 12 | 40 % | SelfTests.Faults.GateFixture |",
                "| 7 | 22 % | SelfTests.Faults.KillFixture |",
                "| 3 | 11 % | Contracts.SideLane |",
                "| 8 | 27 % | (outside any test: the two lanes) |",
            }), "tests side by side share an interval's CPU; the part of an interval no test ran is its phase's");

            File.WriteAllLines(samples, ["# cores 2", Sample(0, busy: 0, all: 0), Sample(10, busy: 1000, all: 2000), Sample(20, busy: 3000, all: 4000)]);
            var withoutPhases = CpuAttribution.Table([.. ResultSet.Read(results).Results], CpuSamples.Read(samples), 5).Split('\n');
            Assert.That(BodyRows(withoutPhases)[^1], Is.EqualTo("| 8 | 27 % | (outside any test: build, images, worlds' set-up, twins, bundle) |"), "without phase lines, one line for all");
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }

    [Test]
    public void ACpuSamplesFileThatCannotBeReadNamesItsLine()
    {
        var samples = Path.Combine(Path.GetTempPath(), $"mint-cpu-samples-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllLines(samples, ["# cores 2", "1764800000.5 12 0 4 oops 0 0 0 0"]);
            Assert.That(() => CpuSamples.Read(samples), Throws.TypeOf<FormatException>().With.Message.Contains($"{samples}:2:"));
            File.WriteAllLines(samples, [Sample(0, busy: 0, all: 0)]);
            Assert.That(() => CpuSamples.Read(samples), Throws.TypeOf<FormatException>().With.Message.Contains("# cores N"));
            Assert.That(SlowestCommand.Run(["--cpu", samples, Path.GetTempPath()]), Is.EqualTo(2), "an unreadable samples file is a usage error");
            Assert.That(SlowestCommand.Run(["--cpu", "/nonexistent/cpu-samples", Path.GetTempPath()]), Is.EqualTo(2));
        }
        finally
        {
            File.Delete(samples);
        }
    }

    /// <summary>verify.sh's phase line (cpu_phase).</summary>
    private static string Phase(int second, string name) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"# phase {Start.AddSeconds(second).ToUnixTimeMilliseconds() / 1000.0:F3} {name}");

    /// <summary>A Markdown table's rows after its header row.</summary>
    private static string[] BodyRows(string[] lines) => [.. lines.Where(line => line.StartsWith("| ", StringComparison.Ordinal)).Skip(1)];

    /// <summary>A sampler line: the counters user nice system idle iowait irq softirq steal, busy as user time, the rest idle.</summary>
    private static string Sample(int second, long busy, long all) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Start.AddSeconds(second).ToUnixTimeMilliseconds() / 1000.0:F3} {busy} 0 0 {all - busy} 0 0 0 0 0 0");

    private static void Write(string folder, string fullName, int startSecond, int stopSecond)
    {
        var result = new JsonObject
        {
            ["uuid"] = Guid.NewGuid().ToString(),
            ["fullName"] = fullName,
            ["name"] = fullName.Split('(')[0].Split('.')[^1],
            ["status"] = "passed",
            ["start"] = Start.AddSeconds(startSecond).ToUnixTimeMilliseconds(),
            ["stop"] = Start.AddSeconds(stopSecond).ToUnixTimeMilliseconds(),
        };
        File.WriteAllText(Path.Combine(folder, $"{result["uuid"]}-result.json"), result.ToJsonString());
    }
}
