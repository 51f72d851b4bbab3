using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mint.Verification.Remote;
using Renci.SshNet.Common;
using Renci.SshNet.Messages.Transport;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// A connection the transport drops before the SSH session stands (docker's proxy on a bad second,
/// seen on CI while a world was built) is opened again, a bounded number of times, and a refusal
/// with a reason never is: nothing listening, a silent listener, a wrong key keep their one attempt
/// and their own message. No engine: a relay on 127.0.0.1 with nothing behind it drops every connection.
/// </summary>
[TestFixture]
[Category("Unit")]
[Parallelizable(ParallelScope.Self)]
public sealed class SshDroppedConnectTests
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    [Test]
    public async Task ConnectionsDroppedBeforeTheGreetingAreTriedFourTimesThenNamed()
    {
        await using var relay = new DroppingRelay(serverPort: null);
        var target = Target(relay.Port);
        var clock = Stopwatch.StartNew();

        var refusal = await Assert.ThrowsAsync<SshHostException>(() => SshDockerHost.ConnectAsync(target));

        var pauses = SshConnectAttempts.Pauses.Aggregate(TimeSpan.Zero, (sum, pause) => sum + pause);
        Assert.Multiple(() =>
        {
            Assert.That(relay.Accepted, Is.EqualTo(SshConnectAttempts.Pauses.Count + 1), "attempts the relay saw");
            Assert.That(refusal!.Message, Does.Contain(target.Address).And.Contain("4 attempts"), refusal.Message);
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(pauses).And.LessThan(pauses + TimeSpan.FromSeconds(4)), "bounded by the pauses");
        });
    }

    [Test]
    public async Task NothingListeningIsNotTriedAgain()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var target = Target(port);
        var clock = Stopwatch.StartNew();

        var refusal = await Assert.ThrowsAsync<SshHostException>(() => SshDockerHost.ConnectAsync(target));

        Assert.Multiple(() =>
        {
            Assert.That(refusal!.Message, Does.Contain($"127.0.0.1:{port}"), refusal.Message);
            Assert.That(clock.Elapsed, Is.LessThan(SshConnectAttempts.Pauses[0]), "a refusal is reported at once, without a pause for another attempt");
        });
    }

    [Test]
    public async Task SilentListenerIsAskedOnce()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var target = Target(port);
        var clock = Stopwatch.StartNew();

        var refusal = await Assert.ThrowsAsync<SshHostException>(() => SshDockerHost.ConnectAsync(target));

        var held = 0;
        while (silent.Pending())
        {
            using var connection = await silent.AcceptTcpClientAsync();
            held++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(refusal!.Message, Does.Contain($"127.0.0.1:{port}").And.Contain("within"), refusal.Message);
            Assert.That(held, Is.EqualTo(1), "connections the silent listener held");
            // A second attempt would add a pause of 1 s and another connect timeout of 2 s.
            Assert.That(clock.Elapsed, Is.LessThan(ConnectTimeout + TimeSpan.FromSeconds(2)), "one connect timeout, no second attempt");
        });
    }

    [TestCase("lost", true)]
    [TestCase("unspecified", true)]
    [TestCase("key exchange", false)]
    [TestCase("user key", false)]
    [TestCase("reset", true)]
    [TestCase("refused", false)]
    [TestCase("timeout", false)]
    public void OnlyATransportThatClosedTheConnectionIsTriedAgain(string failure, bool tried)
    {
        Exception exception = failure switch
        {
            "lost" => new SshConnectionException("closed before identification", DisconnectReason.ConnectionLost),
            "unspecified" => new SshConnectionException("An established connection was aborted by the server."),
            "key exchange" => new SshConnectionException("Key exchange negotiation failed.", DisconnectReason.KeyExchangeFailed),
            "user key" => new SshAuthenticationException("Permission denied (publickey)."),
            "reset" => new SocketException((int)SocketError.ConnectionReset),
            "refused" => new SocketException((int)SocketError.ConnectionRefused),
            _ => new SshOperationTimeoutException("no answer"),
        };

        Assert.That(SshConnectAttempts.ClosedBeforeTheSession(exception), Is.EqualTo(tried), exception.Message);
    }

    private static SshTarget Target(int port) =>
        new("127.0.0.1", port, "docker-host", "SHA256:" + new string('A', 43), SshKeyPair.Generate("dropped-connect").PrivateKeyPem, ConnectTimeout, TimeSpan.FromSeconds(5));
}
