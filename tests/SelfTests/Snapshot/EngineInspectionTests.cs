using Mint.Verification.Checks.Snapshot;
using Mint.Verification.Commands;
using Mint.Verification.Remote;

namespace Mint.Verification.SelfTests.Snapshot;

/// <summary>
/// The snapshot's `docker ps -aq | xargs -r docker inspect`: a container removed between the two
/// (seen when a module world was torn down beside the host world: the Pre gate snapshot then held
/// no container at all, and the cutover's step 0 refused "no old container files-api") is read
/// again; a failure that persists, or any other, is an error naming what, never an empty list.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class EngineInspectionTests
{
    private const string Inspect = "docker ps -aq | xargs -r docker inspect";

    [Test]
    public async Task AContainerRemovedBetweenTheListingAndTheInspectIsReadAgain()
    {
        var reads = new Queue<CommandResult>([Gone(), Read("""[{"Name":"/files-api"},{"Name":"/quote-page"}]""")]);

        var all = await EngineInspection.AllAsync(() => Task.FromResult(reads.Dequeue()), "the containers");

        Assert.That(all.Select(c => c!["Name"]!.GetValue<string>()), Is.EqualTo(new[] { "/files-api", "/quote-page" }));
        Assert.That(reads, Is.Empty, "read twice");
    }

    [Test]
    public async Task ANetworkRemovedBetweenTheListingAndTheInspectIsReadAgain()
    {
        // Seen on CI: a module world's network went away while the host world's snapshot read the
        // networks; xargs exits 123 and docker says "network <id> not found", not "No such".
        const string NetworkInspect = "docker network ls -q | xargs -r docker network inspect";
        var gone = new CommandResult("docker-host", NetworkInspect, 123, """[{"Name":"bridge"}]""", "Error response from daemon: network 78d1c0ffee00 not found", TimeSpan.FromMilliseconds(5));
        var reads = new Queue<CommandResult>([gone, new("docker-host", NetworkInspect, 0, """[{"Name":"bridge"},{"Name":"mint-os-network"}]""", string.Empty, TimeSpan.FromMilliseconds(5))]);

        var all = await EngineInspection.AllAsync(() => Task.FromResult(reads.Dequeue()), "the networks");

        Assert.That(all.Select(n => n!["Name"]!.GetValue<string>()), Is.EqualTo(new[] { "bridge", "mint-os-network" }));
        Assert.That(reads, Is.Empty, "read twice");
    }

    [Test]
    public async Task ARemovalThatPersistsIsAnErrorNotAnEmptyList()
    {
        var calls = 0;
        var error = await Assert.ThrowsAsync<SnapshotReadException>(() => EngineInspection.AllAsync(() => { calls++; return Task.FromResult(Gone()); }, "the containers"));

        Assert.That(calls, Is.EqualTo(EngineListing.Attempts));
        Assert.That(error!.Message, Does.Contain("cannot read the containers").And.Contain(Inspect).And.Contain("No such object"));
    }

    [Test]
    public async Task AnyOtherFailureIsAnErrorAtOnce()
    {
        var calls = 0;
        var denied = new CommandResult("docker-host", Inspect, 1, string.Empty, "permission denied while trying to connect to the Docker daemon socket", TimeSpan.FromMilliseconds(5));
        var error = await Assert.ThrowsAsync<SnapshotReadException>(() => EngineInspection.AllAsync(() => { calls++; return Task.FromResult(denied); }, "the networks"));

        Assert.That(calls, Is.EqualTo(1));
        Assert.That(error!.Message, Does.Contain("cannot read the networks").And.Contain("permission denied"));
    }

    [Test]
    public async Task NoObjectAtAllIsAnEmptyListAndMalformedOutputIsAnError()
    {
        Assert.That(await EngineInspection.AllAsync(() => Task.FromResult(Read(string.Empty)), "the containers"), Is.Empty);
        var error = await Assert.ThrowsAsync<SnapshotReadException>(() => EngineInspection.AllAsync(() => Task.FromResult(Read("[{\"Name\":")), "the containers"));
        Assert.That(error!.Message, Does.Contain("malformed JSON"));
    }

    private static CommandResult Read(string stdout) => new("docker-host", Inspect, 0, stdout, string.Empty, TimeSpan.FromMilliseconds(5));

    /// <summary>What docker prints when one listed container is gone: the others' JSON, and exit 1.</summary>
    private static CommandResult Gone() => new("docker-host", Inspect, 1, """[{"Name":"/files-api"}]""", "Error: No such object: 0123456789ab", TimeSpan.FromMilliseconds(5));
}
