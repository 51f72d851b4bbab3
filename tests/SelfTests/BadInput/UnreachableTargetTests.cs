using System.Net;
using System.Net.Sockets;

namespace Mint.Verification.SelfTests.BadInput;

/// <summary>
/// A health row against a target that cannot answer: nothing listening on the port, or a listener
/// that accepts and never speaks. The row must fail naming the URL, within the HTTP timeout + 2 s.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class UnreachableTargetTests
{
    [Test]
    public async Task NothingListeningFailsNamingTheUrlWithinBound()
    {
        var port = FreeLoopbackPort();

        var (result, elapsed) = await TimedHealth.RunAsync($"nothing listening on 127.0.0.1:{port}", new Uri($"http://127.0.0.1:{port}/"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Problems, Has.Some.Contains($"http://127.0.0.1:{port}/health").And.Contains("cannot reach"), result.Describe());
            Assert.That(elapsed, Is.LessThan(TimedHealth.Bound), result.Describe());
        });
    }

    [Test]
    public async Task SilentListenerTimesOutNamingTheUrlWithinBound()
    {
        await using var silent = StubHttpServer.Silent();

        var (result, elapsed) = await TimedHealth.RunAsync($"silent listener at {silent.BaseAddress}", silent.BaseAddress);

        Assert.Multiple(() =>
        {
            Assert.That(result.Problems, Has.Some.Contains(new Uri(silent.BaseAddress, "/health").ToString()).And.Contains($"within {TimedHealth.Timeout.TotalSeconds:0} s"), result.Describe());
            Assert.That(elapsed, Is.LessThan(TimedHealth.Bound), result.Describe());
        });
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
