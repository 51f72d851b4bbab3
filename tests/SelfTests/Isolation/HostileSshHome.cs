using Mint.Verification.Commands;

namespace Mint.Verification.SelfTests.Isolation;

/// <summary>
/// A scratch home whose ~/.ssh/config would send every connection through a jump host and share
/// connections through a control socket. OpenSSH finds ~ in the password database, not in $HOME,
/// so a command runs in a private mount namespace with the scratch home mounted over the user's
/// real one (nothing outside that namespace sees it), and with HOME set to it too. The "jump host"
/// resolves, inside the same config, to a closed loopback port: a client that obeys the config
/// fails at 127.0.0.9:9, and no name lookup or packet ever leaves this machine.
/// </summary>
public sealed class HostileSshHome : IDisposable
{
    public const string JumpHost = "jump.invalid";

    private readonly DirectoryInfo home = Directory.CreateTempSubdirectory("mint-hostile-home-");

    public HostileSshHome()
    {
        var ssh = Directory.CreateDirectory(Path.Combine(home.FullName, ".ssh"));
        File.SetUnixFileMode(ssh.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = Path.Combine(ssh.FullName, "config");
        File.WriteAllText(config, string.Join('\n',
            $"Host {JumpHost}",
            "  Hostname 127.0.0.9",
            "  Port 9",
            "  ProxyJump none",
            "Host *",
            $"  ProxyJump {JumpHost}",
            "  ControlMaster auto",
            $"  ControlPath {home.FullName}/control-%C",
            "  ControlPersist 60",
            "  StrictHostKeyChecking no",
            $"  UserKnownHostsFile {ssh.FullName}/hostile_known_hosts",
            $"  GlobalKnownHostsFile {ssh.FullName}/hostile_known_hosts",
            string.Empty));
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public string FullName => home.FullName;

    /// <summary>Control sockets or learned keys the hostile config would have left in the scratch home.</summary>
    public IReadOnlyList<string> Leftovers =>
        Directory.EnumerateFiles(home.FullName, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("/.ssh/config", StringComparison.Ordinal)).ToList();

    /// <summary>Runs a command with the hostile home as the user's home (see the class comment).</summary>
    public Task<CommandResult> RunAsync(string executable, IEnumerable<string> arguments, TimeSpan timeout) =>
        new ProcessRunner(timeout).RunAsync(
            "unshare",
            ["-m", "--propagation", "private", "sh", "-c", "mount --bind \"$1\" \"$(getent passwd \"$(id -un)\" | cut -d: -f6)\" && shift && exec \"$@\"", "sh", home.FullName, executable, .. arguments],
            home.FullName,
            new Dictionary<string, string?> { ["HOME"] = home.FullName });

    public void Dispose() => home.Delete(recursive: true);
}
