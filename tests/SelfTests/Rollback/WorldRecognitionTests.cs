using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests.Rollback;

/// <summary>
/// Whether the engine's containers are this machine's host world: a stopped Postgres or S3 is a
/// host fault to rehearse (found again, named); only a missing or foreign container, or no state
/// file, makes it not this world; a stopped docker-host stand-in is the host itself off.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class WorldRecognitionTests
{
    private const string Id = "abcd1234";
    private const string Host = "mint-hw-docker-host";

    [Test]
    public void AStoppedPostgresIsThisWorldWithAHostFault() =>
        Assert.That(Judge(Id, ("mint-hw-postgres", true, false, Id), ("mint-hw-s3", true, true, Id), (Host, true, true, Id)), Is.EqualTo((WorldFinding.ThisWorld, "mint-hw-postgres")));

    [Test]
    public void AStoppedS3IsThisWorldWithAHostFault() =>
        Assert.That(Judge(Id, ("mint-hw-postgres", true, true, Id), ("mint-hw-s3", true, false, Id), (Host, true, true, Id)), Is.EqualTo((WorldFinding.ThisWorld, "mint-hw-s3")));

    [Test]
    public void EverythingRunningIsThisWorld() =>
        Assert.That(Judge(Id, ("mint-hw-postgres", true, true, Id), ("mint-hw-s3", true, true, Id), (Host, true, true, Id)), Is.EqualTo((WorldFinding.ThisWorld, string.Empty)));

    [Test]
    public void AMissingContainerIsNotThisWorld() =>
        Assert.That(Judge(Id, ("mint-hw-postgres", false, false, null), ("mint-hw-s3", true, true, Id), (Host, true, true, Id)).Finding, Is.EqualTo(WorldFinding.NotThisWorld));

    [Test]
    public void AForeignContainerIsNotThisWorldEvenWhenStopped() =>
        Assert.That(Judge(Id, ("mint-hw-postgres", true, false, "other999"), ("mint-hw-s3", true, true, Id), (Host, true, true, Id)).Finding, Is.EqualTo(WorldFinding.NotThisWorld));

    [Test]
    public void NoStateFileIsNotThisWorld() =>
        Assert.That(Judge(null, ("mint-hw-postgres", true, true, Id), ("mint-hw-s3", true, true, Id), (Host, true, true, Id)).Finding, Is.EqualTo(WorldFinding.NotThisWorld));

    [Test]
    public void NothingPresentIsAbsent() =>
        Assert.That(Judge(Id, ("mint-hw-postgres", false, false, null), ("mint-hw-s3", false, false, null), (Host, false, false, null)).Finding, Is.EqualTo(WorldFinding.Absent));

    [Test]
    public void AStoppedDockerHostIsTheHostOff() =>
        Assert.That(Judge(Id, ("mint-hw-postgres", true, true, Id), ("mint-hw-s3", true, true, Id), (Host, true, false, Id)).Finding, Is.EqualTo(WorldFinding.HostOff));

    private static (WorldFinding Finding, string Stopped) Judge(string? recorded, params (string Name, bool Present, bool Running, string? Id)[] containers)
    {
        var (finding, stopped) = WorldRecognition.Judge(recorded, [.. containers.Select(c => new WorldContainer(c.Name, c.Present, c.Running, c.Id))], Host);
        return (finding, string.Join(",", stopped));
    }
}
