using Mint.Verification.Evidence;

namespace Mint.Verification.SelfTests.OldSeed;

/// <summary>The old seed as the night keeps it: written by Ready-1, read back for the OldSeed row, refused when it is not this night's.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class OldSeedRecordTests
{
    private const string Host = "127.0.0.1";
    private const string Change = "LOOP-MINT-PROD-CUTOVER-EXECUTION-20260212";
    private static readonly DateTimeOffset Taken = new(2026, 12, 3, 21, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PostTime = Taken.AddHours(1);
    private static readonly Guid Seed = Guid.Parse("11111111-1111-4111-8111-111111111111");

    private string directory = string.Empty;

    [SetUp]
    public void CreateNight() => directory = Directory.CreateTempSubdirectory("old-seed-").FullName;

    [TearDown]
    public void RemoveNight() => Directory.Delete(directory, recursive: true);

    [Test]
    public void ThePostRowReadsBackTheRecordedSeed()
    {
        var path = Recorded().WriteTo(SeedRecord.OldSeedIn(directory));

        var reading = SeedRecord.ReadOld(directory, Host, Change, PostTime);

        Assert.Multiple(() =>
        {
            Assert.That(path, Is.EqualTo(Path.Combine(directory, "old-seed.json")));
            Assert.That(reading.Refusal, Is.Null);
            Assert.That(reading.Record, Is.EqualTo(Recorded()), File.ReadAllText(path));
            Assert.That(File.ReadAllText(path), Does.Contain($"\"seed_id\": \"{Seed}\"").And.Contain("\"change_id\"").And.Contain("\"host\": \"127.0.0.1\""));
        });
    }

    [Test]
    public void ALaterPreOfTheNightReplacesTheEarlier()
    {
        Recorded().WriteTo(SeedRecord.OldSeedIn(directory));
        var later = Guid.Parse("22222222-2222-4222-8222-222222222222");
        (Recorded() with { SeedId = later, Taken = Taken.AddMinutes(30) }).WriteTo(SeedRecord.OldSeedIn(directory));

        Assert.That(SeedRecord.ReadOld(directory, Host, Change, PostTime).Record?.SeedId, Is.EqualTo(later));
    }

    [Test]
    public void WithoutARecordTheRefusalNamesTheFileAndWhoWritesIt() =>
        Assert.That(SeedRecord.ReadOld(directory, Host, Change, PostTime).Refusal, Is.EqualTo($"no old seed record at {SeedRecord.OldSeedIn(directory)} (Pre's Ready-1 writes it when artwork_seeds holds a seed)"));

    [Test]
    public void ARecordWithoutASeedIdIsNotReadable()
    {
        var path = SeedRecord.OldSeedIn(directory);
        File.WriteAllText(path, Recorded().ToJson().Replace("\"seed_id\"", "\"seed\"", StringComparison.Ordinal));
        var missing = SeedRecord.ReadOld(directory, Host, Change, PostTime);
        (Recorded() with { SeedId = Guid.Empty }).WriteTo(SeedRecord.OldSeedIn(directory));
        var empty = SeedRecord.ReadOld(directory, Host, Change, PostTime);

        Assert.Multiple(() =>
        {
            Assert.That(missing.Record, Is.Null);
            Assert.That(missing.Refusal, Does.StartWith($"the old seed record {path} is not readable"));
            Assert.That(empty.Record, Is.Null);
            Assert.That(empty.Refusal, Is.EqualTo($"the old seed record {path} is not readable (the seed id is empty)"));
        });
    }

    /// <summary>The rules every Pre record shares (host, change, night: <see cref="PreRecord"/>) are proven on the soak's baseline; here, that they apply.</summary>
    [Test]
    public void ARecordOfAnotherHostIsRefused()
    {
        (Recorded() with { Host = "192.168.1.200" }).WriteTo(SeedRecord.OldSeedIn(directory));

        var reading = SeedRecord.ReadOld(directory, Host, Change, PostTime);

        Assert.Multiple(() =>
        {
            Assert.That(reading.Record, Is.Null);
            Assert.That(reading.Refusal, Is.EqualTo($"the old seed record {SeedRecord.OldSeedIn(directory)} is of 192.168.1.200, not of 127.0.0.1"));
        });
    }

    private static SeedRecord Recorded() => new(Host, Change, Taken, Seed);
}
