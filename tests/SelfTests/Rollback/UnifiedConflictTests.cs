using Mint.Verification.Runbooks.Rollback;

namespace Mint.Verification.SelfTests.Rollback;

/// <summary>
/// Which containers an old stack's restore removes: only unified ones (deployed from
/// ~/mint-modules-prod) holding its container name or a port it publishes; a stranger in the way
/// blocks with nothing removed; the other unified services are left serving.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class UnifiedConflictTests
{
    private const string Artwork = "artwork-module";

    private static readonly OldStackClaims FilesApi = OldStackClaims.FromComposeJson(
        """{"name":"artwork-module","services":{"files-api":{"container_name":"files-api","image":"mint-modules/artwork:per-module","ports":[{"mode":"ingress","target":3500,"published":"3500","protocol":"tcp"}]}}}""");

    [Test]
    public void TheComposeModelGivesNamesAndPublishedPorts()
    {
        Assert.That(FilesApi.ContainerNames, Is.EqualTo(new[] { "files-api" }));
        Assert.That(FilesApi.HostPorts, Is.EqualTo(new[] { 3500 }));
        Assert.That(OldStackClaims.FromComposeJson("""{"services":{"web":{"ports":[{"target":80,"published":8080}]}}}""").ContainerNames, Is.EqualTo(new[] { "web" }), "no container_name: compose's service name stands in (an approximation, named here)");
    }

    [Test]
    public void OnlyTheUnifiedFilesApiIsRemovedNotItsSiblings()
    {
        var containers = HostContainer.Parse(
            "/files-api|mint-modules-prod|/home/deploy/mint-modules-prod|true|3500,\n"
            + "/quote-page|mint-modules-prod|/home/deploy/mint-modules-prod|true|3341,\n"
            + "/order-intake|mint-modules-prod|/home/deploy/mint-modules-prod|true|3400,\n"
            + "/mint-hw-postgres|||false|\n");

        var (remove, blockers) = FilesApi.InTheWay(Artwork, containers);

        Assert.That(remove.Select(c => c.Name), Is.EqualTo(new[] { "files-api" }));
        Assert.That(blockers, Is.Empty);
    }

    [Test]
    public void AUnifiedContainerOnTheOldPortUnderAnotherNameIsRemovedToo()
    {
        var containers = HostContainer.Parse("/artwork|prod|/home/deploy/mint-modules-prod|false|3500,\n");

        Assert.That(FilesApi.InTheWay(Artwork, containers).Remove.Select(c => c.Name), Is.EqualTo(new[] { "artwork" }), "stopped or not, it holds the binding compose would need");
    }

    [Test]
    public void TheOldStacksOwnContainerIsNeverInItsWay()
    {
        var containers = HostContainer.Parse("/files-api|artwork-module|/home/deploy/artwork-module|false|3500,\n");

        var (remove, blockers) = FilesApi.InTheWay(Artwork, containers);

        Assert.That(remove, Is.Empty, "compose up starts it again itself");
        Assert.That(blockers, Is.Empty);
    }

    [Test]
    public void AStrangerHoldingThePortBlocksAndNamesItself()
    {
        var containers = HostContainer.Parse(
            "/files-api|mint-modules-prod|/home/deploy/mint-modules-prod|true|3501,\n"
            + "/stranger|other|/srv/other|true|3500,\n");

        var (_, blockers) = FilesApi.InTheWay(Artwork, containers);

        Assert.That(blockers, Has.Count.EqualTo(1));
        Assert.That(blockers[0], Does.Contain("stranger").And.Contain("3500"));
    }

    [Test]
    public void AStoppedStrangerOnThePortHoldsNothingButOneWithTheNameBlocks()
    {
        Assert.That(FilesApi.InTheWay(Artwork, HostContainer.Parse("/stranger|other|/srv/other|false|3500,\n")).Blockers, Is.Empty, "a stopped container binds no port");
        Assert.That(FilesApi.InTheWay(Artwork, HostContainer.Parse("/files-api|artwork|/srv/artwork|false|\n")).Blockers.Single(), Does.Contain("holds the name"));
    }
}
