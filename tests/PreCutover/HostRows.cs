namespace Mint.Verification.PreCutover;

/// <summary>Pre-5..8: the docker-host over SSH, read-only.</summary>
[TestFixture]
[Category("Pre")]
public sealed class HostRows
{
    [Test]
    [MatrixRow("Pre-5")]
    [Description("SSH to docker-host: ssh docker-host@192.168.1.200 -> Connected")]
    public async Task Pre5_SshConnectsWithPinnedHostKey()
    {
        var target = await MatrixRun.HostTargetAsync();
        RowAssert.Passed(await HostChecks.SshConnectedAsync("Pre-5", target.Ssh));
    }

    [Test]
    [MatrixRow("Pre-6")]
    [Description("Docker running: docker --version -> v28.2.2 (the daemon must answer, not only the client)")]
    public async Task Pre6_DockerDaemonAnswersWithMinimumVersion() =>
        RowAssert.Passed(await HostChecks.DockerRunningAsync("Pre-6", await MatrixRun.SshHostAsync(), MatrixRun.Settings.MinimumDockerVersion));

    [Test]
    [MatrixRow("Pre-7")]
    [Description("External networks: docker network ls -> storage-network, mint-os-network present")]
    public async Task Pre7_ExternalNetworksPresent() =>
        RowAssert.Passed(await HostChecks.ExternalNetworksPresentAsync("Pre-7", await MatrixRun.SshHostAsync()));

    [Test]
    [MatrixRow("Pre-8")]
    [Description("Old containers healthy: docker ps -> files-api (healthy), quote-page (healthy)")]
    public async Task Pre8_OldContainersHealthy() =>
        RowAssert.Passed(await HostChecks.OldContainersHealthyAsync("Pre-8", await MatrixRun.SshHostAsync()));
}
