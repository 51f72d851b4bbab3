using Mint.Verification.Checks.Readiness;

namespace Mint.Verification.SelfTests.Readiness;

/// <summary>
/// Ready-5's port decision on parsed listings: a port the unified compose publishes may be free or
/// held by an old stack the cutover stops first; anything else, or a listing that failed, fails.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
[Description("Ready-5, issue 18 deliverable 2")]
public sealed class PortHoldersTests
{
    private const string Address = "192.0.2.10";

    private static readonly NeededPort[] Unified = [new(3500, "files-api"), new(3400, "order-intake"), new(3341, "quote-page")];

    private static readonly Dictionary<string, string> ReleasedBy = new(StringComparer.Ordinal)
    {
        ["artwork-module"] = "Cutover-4",
        ["quote-page"] = "Cutover-5",
    };

    [Test]
    public void PortsHeldByTheOldStacksPass()
    {
        var publishers = PortHolders.ParseContainers("files-api\tartwork-module\t0.0.0.0:3500->3500/tcp, :::3500->3500/tcp\nquote-page\tquote-page\t127.0.0.1:3341->3341/tcp\npostgres\t\t5432/tcp\n");

        var (problems, holders) = PortHolders.Decide(Unified, publishers, new HashSet<int> { 3500, 3341, 22 }, ReleasedBy, Address);

        Assert.Multiple(() =>
        {
            Assert.That(problems, Is.Empty, "ports held only by the old stacks Cutover-4/5 stop are ready");
            Assert.That(holders, Does.Contain("port 3400: free"), "the free port is named as free");
            Assert.That(holders, Has.Some.StartsWith("port 3500: container files-api (compose project artwork-module), freed by Cutover-4"), "the holder and the step freeing it are named");
        });
    }

    [TestCase("mint-fault-port-squatter\t\t127.0.0.2:3341->3341/tcp", 3341, "container mint-fault-port-squatter (no compose project)")]
    [TestCase("quote-page\tquote\t0.0.0.0:3341->3341/tcp", 3341, "container quote-page (compose project quote)")]
    [TestCase("proxy\tedge\t0.0.0.0:3300-3450->3300-3450/tcp", 3400, "container proxy (compose project edge)")]
    public void PortHeldByAStrangerFailsNamingPortAndHolder(string dockerPs, int port, string holder)
    {
        var publishers = PortHolders.ParseContainers("quote-page\tquote-page\t127.0.0.1:3341->3341/tcp\n" + dockerPs + "\n");

        var (problems, _) = PortHolders.Decide(Unified, publishers, new HashSet<int>(), ReleasedBy, Address);

        Assert.That(problems, Has.Exactly(1).Contains($"port {port} on {Address} is held by {holder}"), "a holder no cutover step stops must refuse, naming port and holder");
    }

    [Test]
    public void AListenerThatIsNoContainerFails()
    {
        var listeners = PortHolders.ParseListeners(
            "  sl  local_address rem_address   st tx_queue rx_queue\n"
            + "   0: 00000000:0D48 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0 0 1 1 0\n"
            + "   1: 0100007F:0D05 0100007F:9C40 01 00000000:00000000 00:00000000 00000000  0 0 1 1 0\n");

        var (problems, _) = PortHolders.Decide(Unified, [], listeners, ReleasedBy, Address);

        Assert.Multiple(() =>
        {
            Assert.That(listeners, Is.EquivalentTo(new[] { 3400 }), "only LISTEN (0A) sockets count; 0x0D48 is 3400, the established 3333 is not listening");
            Assert.That(problems, Has.Exactly(1).Contains("port 3400 on 192.0.2.10 is held by a process that is not a container"), "a host process on the port refuses");
        });
    }

    [Test]
    public void AFailedListingFailsNamingTheCommandNeverReadsAsFree()
    {
        var (withoutDocker, _) = PortHolders.Decide(Unified, null, new HashSet<int>(), ReleasedBy, Address);
        var (withoutProc, _) = PortHolders.Decide(Unified, [], null, ReleasedBy, Address);

        Assert.Multiple(() =>
        {
            Assert.That(withoutDocker, Has.Exactly(1).Contains($"`{PortHolders.ContainersCommand}` failed").And.Contains("3500, 3400, 3341"), "a failed docker ps is a failure naming it");
            Assert.That(withoutProc, Has.Exactly(1).Contains($"`{PortHolders.ListenersCommand}` failed"), "an unreadable listener table is a failure naming it");
        });
    }
}
