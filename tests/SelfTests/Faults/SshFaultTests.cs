using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mint.Verification.Remote;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// Pre-5 against a broken SSH world: a changed host key, a wrong user key, nothing listening, a
/// listener that never speaks. Each must fail, name the address and the reason, and do so
/// within the connect timeout plus 2 s.
/// </summary>
[TestFixture]
[Category("SelfTest")]
public sealed class SshFaultTests
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    [Test]
    public async Task ChangedHostKeyIsRefusedNamingBothFingerprints()
    {
        var genuine = await GenuineTargetAsync();
        var pinned = "SHA256:" + new string('A', 43);

        var result = await HostChecks.SshConnectedAsync("Pre-5", genuine with { PinnedHostKeySha256 = pinned });

        Assert.Multiple(() =>
        {
            Assert.That(result.Passed, Is.False, result.Describe());
            Assert.That(result.Problems, Has.Some.Contains(pinned).And.Contains(genuine.PinnedHostKeySha256), result.Describe());
        });
    }

    [Test]
    public async Task WrongUserKeyIsRefused()
    {
        var genuine = await GenuineTargetAsync();

        var result = await HostChecks.SshConnectedAsync("Pre-5", genuine with { PrivateKeyPem = SshKeyPair.Generate("intruder").PrivateKeyPem });

        Assert.That(result.Problems, Has.Some.Contains("refused the user key").And.Contains(genuine.Address), result.Describe());
    }

    [Test]
    public async Task NothingListeningFailsFastNamingTheAddress()
    {
        var genuine = await GenuineTargetAsync();
        var closedPort = FreeLoopbackPort();
        var clock = Stopwatch.StartNew();

        var result = await HostChecks.SshConnectedAsync("Pre-5", genuine with { Port = closedPort });

        Assert.Multiple(() =>
        {
            Assert.That(result.Problems, Has.Some.Contains($"127.0.0.1:{closedPort}"), result.Describe());
            Assert.That(clock.Elapsed, Is.LessThan(ConnectTimeout + TimeSpan.FromSeconds(2)));
        });
    }

    [Test]
    public async Task SilentListenerTimesOutWithinBound()
    {
        var genuine = await GenuineTargetAsync();
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();

        var result = await HostChecks.SshConnectedAsync("Pre-5", genuine with { Port = port });

        Assert.Multiple(() =>
        {
            Assert.That(result.Problems, Has.Some.Contains($"127.0.0.1:{port}").And.Contains("within"), result.Describe());
            Assert.That(clock.Elapsed, Is.LessThan(ConnectTimeout + TimeSpan.FromSeconds(2)), result.Describe());
        });
    }

    [Test]
    public async Task ConnectionsDroppedBeforeTheSessionAreOpenedAgainForCommandsAndUploads()
    {
        var genuine = await GenuineTargetAsync();
        // Connection 1 (the session) and 3 (the upload's SFTP connection) are dropped before the greeting.
        await using var relay = new DroppingRelay(genuine.Port, 1, 3);

        using var host = await SshDockerHost.ConnectAsync(genuine with { Port = relay.Port });
        var file = $"/tmp/dropped-connect-{Guid.NewGuid():N}";
        await host.UploadAsync(file, "uploaded through a dropping relay\n", 600);
        var read = await host.RunAsync($"cat {file} && stat -c %a {file} && rm {file}");

        Assert.Multiple(() =>
        {
            Assert.That(host.DroppedAttempts, Has.Count.EqualTo(1), string.Join("; ", host.DroppedAttempts));
            Assert.That(read.Stdout, Is.EqualTo("uploaded through a dropping relay\n600\n"), read.Transcript());
            Assert.That(relay.Accepted, Is.EqualTo(4), "session: dropped, kept; upload: dropped, kept");
        });
    }

    [Test]
    public async Task AnIdempotentCommandWhoseSessionWasLostRunsOnceMore()
    {
        var genuine = await GenuineTargetAsync();
        await using var relay = new DroppingRelay(genuine.Port);
        using var host = await SshDockerHost.ConnectAsync(genuine with { Port = relay.Port });
        var marker = $"/tmp/idempotent-{Guid.NewGuid():N}";

        var cut = Task.Delay(TimeSpan.FromMilliseconds(800)).ContinueWith(_ => relay.CutAll(), TaskScheduler.Default);
        var once = await host.RunAsync($"sleep 3; echo ran >> {marker}");
        await cut;
        cut = Task.Delay(TimeSpan.FromMilliseconds(800)).ContinueWith(_ => relay.CutAll(), TaskScheduler.Default);
        var again = await host.RunIdempotentAsync($"mkdir -p {marker}.d && sleep 3 && echo ran >> {marker}");
        await cut;
        var lines = await host.RunAsync($"cat {marker}; rm -rf {marker} {marker}.d");

        Assert.Multiple(() =>
        {
            Assert.That(once.Succeeded, Is.False, once.Transcript());
            Assert.That(once.SessionRegained, Is.True, once.Transcript());
            Assert.That(once.Failure, Does.Contain("lost").And.Contain("reconnected"), once.Transcript());
            Assert.That(again.Succeeded, Is.True, again.Transcript());
            Assert.That(lines.Stdout, Does.Contain("ran"), lines.Transcript());
            Assert.That(host.Reconnects, Is.EqualTo(2));
        });
    }

    private static async Task<SshTarget> GenuineTargetAsync()
    {
        var world = await MatrixRun.Current.HostWorldAsync();
        return world.Ssh(MatrixRun.Current.Settings) with { ConnectTimeout = ConnectTimeout };
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
