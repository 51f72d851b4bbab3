using Mint.Verification.Remote;
using Mint.Verification.Runbooks.Cutover;
using Mint.Verification.SelfTests.Isolation;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// With a hostile ~/.ssh/config in force (every host through a jump host, connections shared by a
/// control socket, any host key accepted), the ssh and rsync command lines the runbook builds still
/// reach the rehearsal host directly and accept only its pinned key. Needs the host world.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[NonParallelizable]
public sealed class SshHostileConfigTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Test]
    public async Task SshConnectsDirectlyWithThePinnedKeyOnly()
    {
        using var home = new HostileSshHome();
        await using var files = await ClientFiles.WriteAsync(home.FullName);
        string[] destination = [$"{files.Target.User}@{files.Target.Host}", "true"];

        var isolated = await home.RunAsync("ssh", [.. OpenSshOptions.Arguments(files.Target.Port, files.Key, files.KnownHosts, Bound), .. destination], Bound);
        var plain = await home.RunAsync("ssh", ["-p", $"{files.Target.Port}", "-i", files.Key, "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", $"UserKnownHostsFile={files.KnownHosts}", .. destination], Bound);
        var otherKey = await home.RunAsync("ssh", [.. OpenSshOptions.Arguments(files.Target.Port, files.Key, files.WrongKnownHosts, Bound), .. destination], Bound);

        Assert.Multiple(() =>
        {
            Assert.That(isolated.Succeeded, Is.True, "the runbook's ssh line must reach the host directly: " + isolated.Transcript());
            // The control: a plain ssh obeys the hostile config and fails at the jump host's closed loopback port.
            Assert.That(plain.Succeeded, Is.False, "a plain ssh was not diverted: the hostile config is not in force and this test proves nothing. " + plain.Transcript());
            Assert.That(otherKey.Succeeded, Is.False, "a host key other than the pinned one must be refused: " + otherKey.Transcript());
            Assert.That(home.Leftovers, Is.Empty, "no control socket or learned key may appear in the home");
        });
    }

    [Test]
    public async Task RsyncOfCutover2ReachesTheHostDirectly()
    {
        using var home = new HostileSshHome();
        await using var files = await ClientFiles.WriteAsync(home.FullName);
        var release = Directory.CreateDirectory(Path.Combine(files.Folder, "release")).FullName;
        await File.WriteAllTextAsync(Path.Combine(release, "probe.txt"), "probe\n");

        // --dry-run: the whole transfer is negotiated over ssh, the host world's files stay as they are.
        var arguments = TransferSourcesStep.Arguments(files.Target.Port, files.Target.User, files.Target.Host, files.Key, files.KnownHosts, Bound, release, "--dry-run", "--itemize-changes");
        var rsync = await home.RunAsync("rsync", arguments, Bound);

        Assert.Multiple(() =>
        {
            Assert.That(rsync.Succeeded, Is.True, "Cutover-2's rsync must reach the host directly under a hostile ~/.ssh/config: " + rsync.Transcript());
            Assert.That(rsync.Stdout, Does.Contain("probe.txt"), "rsync must have compared the release with the host's copy");
            Assert.That(home.Leftovers, Is.Empty, "no control socket or learned key may appear in the home");
        });
    }

    /// <summary>The user key and the pinned known_hosts as the runbook writes them, outside the hostile home.</summary>
    private sealed class ClientFiles : IAsyncDisposable
    {
        private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("mint-ssh-client-");

        private ClientFiles(SshTarget target) => Target = target;

        public SshTarget Target { get; }

        public string Folder => folder.FullName;

        public string Key => Path.Combine(Folder, "id");

        public string KnownHosts => Path.Combine(Folder, "known_hosts");

        public string WrongKnownHosts => Path.Combine(Folder, "wrong_known_hosts");

        public static async Task<ClientFiles> WriteAsync(string home)
        {
            var target = (await MatrixRun.Current.HostWorldAsync()).Ssh(MatrixRun.Current.Settings);
            using var host = await SshDockerHost.ConnectAsync(target);
            var files = new ClientFiles(target);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
            await using (var key = new StreamWriter(files.Key, System.Text.Encoding.ASCII, options))
            {
                await key.WriteAsync(target.PrivateKeyPem);
            }

            await File.WriteAllTextAsync(files.KnownHosts, host.KnownHostsEntry + "\n");
            var pattern = host.KnownHostsEntry.Split(' ')[0];
            await File.WriteAllTextAsync(files.WrongKnownHosts, pattern + " " + SshKeyPair.Generate("not-the-host").PublicKeyLine + "\n");
            return files;
        }

        public ValueTask DisposeAsync()
        {
            folder.Delete(recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
