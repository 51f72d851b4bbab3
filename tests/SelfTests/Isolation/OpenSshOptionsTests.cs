using Mint.Verification.Remote;
using Mint.Verification.Runbooks.Cutover;

namespace Mint.Verification.SelfTests.Isolation;

/// <summary>
/// Every ssh process (rsync's, in Cutover-2) reads no ssh configuration, trusts only the pinned
/// host key and uses no proxy and no shared connection. Engine-free: the command line is checked as
/// built, and `ssh -G` (which resolves the configuration and connects nowhere) shows what a hostile
/// ~/.ssh/config would make of it.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class OpenSshOptionsTests
{
    private const string KnownHosts = "/tmp/mint-rsync-x/known_hosts";

    /// <summary>Written out here, not taken from OpenSshOptions: dropping one there must fail this test.</summary>
    private static readonly string[] Required =
    [
        "-F /dev/null", "-o BatchMode=yes", "-o StrictHostKeyChecking=yes", $"-o UserKnownHostsFile={KnownHosts}",
        "-o GlobalKnownHostsFile=/dev/null", "-o ControlMaster=no", "-o ControlPath=none", "-o ProxyCommand=none", "-o ProxyJump=none", "-o IdentitiesOnly=yes",
    ];

    [Test]
    public void RsyncsSshCarriesEveryIsolationOption()
    {
        var arguments = TransferSourcesStep.Arguments(2222, "docker-host", "127.0.0.1", "/keys/id rsa", KnownHosts, TimeSpan.FromSeconds(10), "/release", "--dry-run");

        var shell = arguments[arguments.ToList().IndexOf("-e") + 1];

        Assert.Multiple(() =>
        {
            Assert.That(shell, Does.StartWith("ssh -F /dev/null "), "rsync's ssh must read no config file, first of all");
            foreach (var option in Required)
            {
                Assert.That(shell, Does.Contain(option), $"rsync -e lacks {option}");
            }

            Assert.That(shell, Does.Contain("-i '/keys/id rsa'"), "a key path with a space must reach ssh as one argument");
        });
    }

    [Test]
    public void ThePlanShowsTheSameOptions()
    {
        var plan = string.Join('\n', new TransferSourcesStep().Plan(MatrixRun.Current.Settings));

        Assert.That(plan, Does.Contain("-F /dev/null").And.Contain("ProxyJump=none").And.Contain("ControlPath=none").And.Contain("GlobalKnownHostsFile=/dev/null"),
            "the DryRun plan must show the command the step runs");
    }

    [TestCase("/tmp/with space/known_hosts")]
    [TestCase("/tmp/quote'd/known_hosts")]
    public void AKnownHostsPathSshWouldSplitIsRefused(string path) =>
        Assert.That(() => OpenSshOptions.Arguments(22, "/k", path, TimeSpan.FromSeconds(5)), Throws.ArgumentException, $"ssh would read {path} as something else");

    [Test]
    public async Task AHostileSshConfigChangesNothingOnTheCommandLine()
    {
        using var home = new HostileSshHome();
        string[] destination = ["docker-host@127.0.0.1"];

        var obeying = Resolved(await home.RunAsync("ssh", ["-G", .. destination], TimeSpan.FromSeconds(10)));
        var isolated = Resolved(await home.RunAsync("ssh", ["-G", .. OpenSshOptions.Arguments(2222, "/k", KnownHosts, TimeSpan.FromSeconds(5)), .. destination], TimeSpan.FromSeconds(10)));

        Assert.Multiple(() =>
        {
            // The control: without the options the scratch config is in force (else this test proves nothing).
            Assert.That(obeying.GetValueOrDefault("proxyjump"), Is.EqualTo(HostileSshHome.JumpHost), "the hostile ~/.ssh/config was not read by a plain ssh: the scratch home is not in effect");
            Assert.That(isolated.ContainsKey("proxyjump"), Is.False, "ProxyJump survived the options");
            Assert.That(isolated.ContainsKey("proxycommand"), Is.False, "a ProxyCommand survived the options");
            Assert.That(isolated.ContainsKey("controlpath"), Is.False, "a ControlPath survived the options");
            Assert.That(isolated.GetValueOrDefault("controlmaster"), Is.EqualTo("false"), "ControlMaster");
            Assert.That(isolated.GetValueOrDefault("stricthostkeychecking"), Is.EqualTo("true"), "StrictHostKeyChecking");
            Assert.That(isolated.GetValueOrDefault("batchmode"), Is.EqualTo("yes"), "BatchMode");
            Assert.That(isolated.GetValueOrDefault("userknownhostsfile"), Is.EqualTo(KnownHosts), "only the pinned known_hosts");
            Assert.That(isolated.GetValueOrDefault("globalknownhostsfile"), Is.EqualTo("/dev/null"), "no global known_hosts");
        });
    }

    private static Dictionary<string, string> Resolved(Commands.CommandResult run)
    {
        Assert.That(run.Succeeded, Is.True, "ssh -G failed: " + run.Transcript());
        return run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
    }
}
