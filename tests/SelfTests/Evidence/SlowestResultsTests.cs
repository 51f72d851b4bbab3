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
            Assert.That(lines.Where(line => line.StartsWith("| ", StringComparison.Ordinal)).Skip(1).ToArray(), Is.EqualTo(new[]
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
