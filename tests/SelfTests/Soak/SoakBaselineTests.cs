using Mint.Verification.Checks.Soak;

namespace Mint.Verification.SelfTests.Soak;

/// <summary>The Pre baseline as the night keeps it: written, read back for the soak, refused when it is not this night's.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class SoakBaselineTests
{
    private const string Host = "127.0.0.1";
    private const string Change = "LOOP-MINT-PROD-CUTOVER-EXECUTION-20260212";
    private static readonly DateTimeOffset Taken = new(2026, 12, 3, 21, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SoakTime = Taken.AddHours(1);

    private string directory = string.Empty;

    [SetUp]
    public void CreateNight() => directory = Directory.CreateTempSubdirectory("soak-baseline-").FullName;

    [TearDown]
    public void RemoveNight() => Directory.Delete(directory, recursive: true);

    [Test]
    public void TheSoakReadsBackEachModulesP95()
    {
        var path = Baseline().WriteTo(directory);

        var reading = SoakBaseline.Read(directory, Host, Change, SoakTime);

        Assert.Multiple(() =>
        {
            Assert.That(reading.Refusal, Is.Null);
            Assert.That(reading.Baseline, Is.EqualTo(Baseline()).Using<SoakBaseline>(SameRecord), File.ReadAllText(path));
            Assert.That(reading.P95Of("files-api"), Is.EqualTo(TimeSpan.FromMilliseconds(7.2)));
            Assert.That(reading.P95Of("order-intake"), Is.EqualTo(TimeSpan.FromMilliseconds(7.2)));
            Assert.That(reading.P95Of("no-such-module"), Is.Null, "a module the baseline lacks has none: INCONCLUSIVE");
            Assert.That(File.ReadAllText(path), Does.Contain("\"p95_ms\": 7.2").And.Contain("\"change_id\"").And.Contain("its old container's").And.Not.Contain("\"p95\":"));
        });
    }

    [Test]
    public void ALaterPreOfTheNightReplacesTheEarlier()
    {
        Baseline().WriteTo(directory);
        (Baseline() with { Modules = [Figures("files-api", 3, 4)] }).WriteTo(directory);

        Assert.That(SoakBaseline.Read(directory, Host, Change, SoakTime).P95Of("files-api"), Is.EqualTo(TimeSpan.FromMilliseconds(4)));
    }

    [TestCase("absent", "no Pre baseline at")]
    [TestCase("not JSON", "is not readable")]
    [TestCase("a field missing", "is not readable")]
    [TestCase("no modules", "is not readable")]
    [TestCase("a negative p95", "is not readable")]
    [TestCase("another host", "is of 192.168.1.200, not of 127.0.0.1")]
    [TestCase("another change", "is of change OTHER-CHANGE, not of")]
    [TestCase("another night", "not within the 12 h before")]
    [TestCase("taken after the soak", "not within the 12 h before")]
    public void ABaselineNotOfThisNightTargetAndChangeIsRefused(string which, string reason)
    {
        var path = SoakBaseline.PathIn(directory);
        switch (which)
        {
            case "absent":
                break;
            case "not JSON":
                File.WriteAllText(path, "{\"host\": ");
                break;
            case "a field missing":
                File.WriteAllText(path, Baseline().ToJson().Replace("\"change_id\"", "\"change\"", StringComparison.Ordinal));
                break;
            default:
                (which switch
                {
                    "no modules" => Baseline() with { Modules = [] },
                    "a negative p95" => Baseline() with { Modules = [Figures("files-api", 4, -1)] },
                    "another host" => Baseline() with { Host = "192.168.1.200" },
                    "another change" => Baseline() with { ChangeId = "OTHER-CHANGE" },
                    "another night" => Baseline() with { Taken = SoakTime.AddHours(-13) },
                    _ => Baseline() with { Taken = SoakTime.AddMinutes(1) },
                }).WriteTo(directory);
                break;
        }

        var reading = SoakBaseline.Read(directory, Host, Change, SoakTime);

        Assert.Multiple(() =>
        {
            Assert.That(reading.Baseline, Is.Null);
            Assert.That(reading.P95Of("files-api"), Is.Null, "no baseline: the soak is INCONCLUSIVE, never PASS");
            Assert.That(reading.Refusal, Does.Contain(reason).And.Contain(path));
        });
    }

    [Test]
    public void FiguresAreNearestRankPercentilesToATenthOfAMillisecond()
    {
        var figures = ModuleBaseline.Of("files-api", [.. new[] { 4.04, 9.26, 5.0, 7.0, 6.0 }.Select(TimeSpan.FromMilliseconds)], "measured");

        Assert.Multiple(() =>
        {
            Assert.That(figures.Samples, Is.EqualTo(5));
            Assert.That(figures.P50Ms, Is.EqualTo(6.0), "the third of five");
            Assert.That(figures.P95Ms, Is.EqualTo(9.3), "of five answers, the slowest");
            Assert.That(figures.Line(ownContainer: true), Is.EqualTo("files-api p50 6 ms p95 9 ms (5 samples)"));
            Assert.That(figures.Line(ownContainer: false), Is.EqualTo("files-api p95 9 ms (old stack pooled)"));
        });
    }

    [Test]
    public void OneSlowAnswerAmongTheBaselinesSamplesDoesNotSetItsP95()
    {
        var answers = Enumerable.Repeat(130.0, BaselineSampling.SamplesPerModule - 1).Append(959.0).Select(TimeSpan.FromMilliseconds).ToList();

        var figures = ModuleBaseline.Of("quote-page", answers, "measured");

        Assert.That(figures.P95Ms, Is.EqualTo(130.0), $"the p95 of {answers.Count} answers with one slow one; the soak's latency limit is 3 x this + 50 ms");
    }

    private static SoakBaseline Baseline() =>
        new("rehearsal host world abc", Host, Change, Taken, 1234, [Figures("files-api", 4.1, 7.2, "its old container's answers"), Figures("quote-page", 3, 5.5), Figures("order-intake", 3.5, 7.2, "pooled")]);

    private static ModuleBaseline Figures(string module, double p50, double p95, string derived = "its old container") =>
        new(module, 5, p50, p95, derived);

    // Records compare their lists by reference: compare the file's content instead.
    private static bool SameRecord(SoakBaseline x, SoakBaseline y) => x.ToJson() == y.ToJson();
}
