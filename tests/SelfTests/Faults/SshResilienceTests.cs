using System.Diagnostics;
using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// The night's SSH faults on the rehearsal host: a command that outlives its limit is stopped on the
/// host (not left running after the client gave up), and a dropped connection is regained and said so.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[NonParallelizable]
public sealed class SshResilienceTests
{
    [Test]
    public async Task CommandPastItsLimitIsStoppedOnTheHost()
    {
        using var host = await HostWorldSsh.ConnectAsync();
        var marker = $"mint-timeout-probe-{Guid.NewGuid():N}";
        var clock = Stopwatch.StartNew();

        var run = await host.RunAsync($"exec -a {marker} sleep 60", TimeSpan.FromSeconds(2));

        var left = await host.RunAsync($"pgrep -f '^{marker}' || echo none");
        Assert.Multiple(() =>
        {
            Assert.That(run.Succeeded, Is.False, "a command past its limit cannot succeed");
            Assert.That(run.Outcome, Does.Contain("stopped on the host"), run.Transcript());
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "the host's timeout answers promptly");
            Assert.That(left.Stdout.Trim(), Is.EqualTo("none"), "the timed-out command still runs on the host");
        });
    }

    [Test]
    public async Task DroppedConnectionIsRegained()
    {
        using var host = await HostWorldSsh.ConnectAsync();
        var running = host.RunAsync("sleep 20", TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1));

        // Drop every SSH session of the user from inside the host (as a network cut would).
        using var kill = Process.Start(new ProcessStartInfo("docker", ["exec", HostWorldNames.DockerHost, "pkill", "-f", "docker-host@"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await kill.WaitForExitAsync();
        var lost = await running;
        var after = await host.RunAsync("whoami");

        Assert.Multiple(() =>
        {
            Assert.That(lost.Outcome, Does.Contain("lost").And.Contain("reconnected"), lost.Transcript());
            Assert.That(host.Reconnects, Is.GreaterThanOrEqualTo(1), "the connection must have been regained");
            Assert.That(after.Succeeded, Is.True, "a command after the reconnect runs: " + after.Transcript());
        });
    }
}
