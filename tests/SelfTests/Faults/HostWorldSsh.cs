using Mint.Verification.Remote;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>An SSH.NET session to the host world's docker-host, as the runbook opens it (the host world is made or found first).</summary>
internal static class HostWorldSsh
{
    public static async Task<SshDockerHost> ConnectAsync() =>
        await SshDockerHost.ConnectAsync((await MatrixRun.Current.HostWorldAsync()).Ssh(MatrixRun.Current.Settings));
}
