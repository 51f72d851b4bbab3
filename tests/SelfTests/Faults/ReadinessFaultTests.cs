using Mint.Verification.Modules;
using Mint.Verification.Remote;
using Mint.Verification.Worlds;
using static Mint.Verification.SelfTests.Faults.PreStageFaultTests;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// The fault catalogue for the readiness gate: each fault is a way production may differ from the
/// runbook's assumptions. The whole Pre stage runs under it; Pre-1..8 stay green and only the
/// readiness row that owns the assumption fails, naming the setting or host fact.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[NonParallelizable]
public sealed class ReadinessFaultTests
{
    [Test]
    public async Task WrongPostgresContainer() =>
        await Expect("PostgresContainer names no container (nope)", ["Ready-1"], "PostgresContainer: no container 'nope'",
            settings: MatrixRun.Current.Settings with { Deploy = MatrixRun.Current.Settings.Deploy with { PostgresContainer = "nope" } });

    /// <summary>
    /// artwork_seeds handed to Postgres's superuser (the runbook's user keeps SELECT..DELETE, so the
    /// modules still work): Ready-1 fails naming the ALTER privilege and the owner, before any downtime.
    /// </summary>
    [Test]
    public async Task DatabaseUserWithoutAlterRights()
    {
        var world = await MatrixRun.Current.HostWorldAsync();
        var postgres = (world.State.Layout ?? HostLayout.Default).PostgresContainer;
        string AsSuperuser(string sql) =>
            $"docker exec -i {postgres} psql -v ON_ERROR_STOP=1 -At -U {HostWorldNames.Superuser} -d {HostWorldNames.Database} -c \"{sql}\"";
        using var host = await SshDockerHost.ConnectAsync(await Ssh());
        await Run(host, AsSuperuser($"ALTER TABLE artwork_seeds OWNER TO {HostWorldNames.Superuser}; GRANT SELECT, INSERT, UPDATE, DELETE ON artwork_seeds TO {HostWorldNames.DatabaseUser}"));
        try
        {
            await Expect("database user without ALTER rights (artwork_seeds owned by postgres)", ["Ready-1"], "lacks the ALTER and COMMENT ON privilege");
        }
        finally
        {
            await Run(host, AsSuperuser($"ALTER TABLE artwork_seeds OWNER TO {HostWorldNames.DatabaseUser}"));
        }
    }

    [Test]
    public async Task MissingBuildContext()
    {
        using var release = new ScratchRelease(withoutContext: "order-intake");
        await Expect("release lacks the order-intake build context", ["Ready-2"], "OrderIntakeBuildContext:", settings: release.Settings);
    }

    [Test]
    public async Task ReleaseAtAnotherCommit() =>
        await Expect("release at another commit than ReleaseCommit", ["Ready-2"], "the release must be commit 0000000",
            settings: MatrixRun.Current.Settings with { Deploy = MatrixRun.Current.Settings.Deploy with { ReleaseCommit = "0000000" } });

    [Test]
    public async Task UnifiedComposeWithAnotherProjectName()
    {
        using var release = new ScratchRelease(compose => compose.Replace("name: mint-modules-prod", "name: mint-prod", StringComparison.Ordinal));
        await Expect("unified compose with project name mint-prod", ["Ready-3"], "resolves to project 'mint-prod'", settings: release.Settings);
    }

    [Test]
    public async Task ComposeVariableNotInEnvProd()
    {
        using var release = new ScratchRelease(compose => compose.Replace("      PORT: \"3500\"", "      PORT: \"3500\"\n      FEATURE_FLAGS: ${FEATURE_FLAGS}", StringComparison.Ordinal));
        await Expect("unified compose needs FEATURE_FLAGS, not in .env.prod", ["Ready-3"], "needs variable FEATURE_FLAGS", settings: release.Settings);
    }

    [Test]
    public async Task OldStackComposeFileRemoved()
    {
        using var host = await SshDockerHost.ConnectAsync(await Ssh());
        await Run(host, "mv ~/quote-page/docker-compose.yml ~/quote-page/docker-compose.yml.away");
        try
        {
            await Expect("old stack ~/quote-page lost its compose file", ["Ready-4"], "~/quote-page on");
        }
        finally
        {
            await Run(host, "mv ~/quote-page/docker-compose.yml.away ~/quote-page/docker-compose.yml");
        }
    }

    [Test]
    public async Task OrderIntakePortTaken() =>
        await ExpectWhileAStrangerPublishes("mint-fault-port-squatter", "127.0.0.1", ModuleCatalogue.OrderIntake.Port(MatrixRun.Current.Settings), "already published by another container");

    /// <summary>
    /// The old quote-page publishes 3341 on 127.0.0.1 (the rehearsal's loopback ports); a stranger on
    /// 127.0.0.2:3341 holds it too, and would keep the unified quote-page from binding it at Cutover-6
    /// although Cutover-5 stops the old one.
    /// </summary>
    [Test]
    public async Task QuotePagePortAlsoHeldByAStranger() =>
        await ExpectWhileAStrangerPublishes("mint-fault-quote-squatter", "127.0.0.2", ModuleCatalogue.QuotePage.Port(MatrixRun.Current.Settings), "held by a stranger container beside the old quote-page");

    /// <summary>Ready-5 fails, naming port and holder, while a container of no cutover stack publishes the port.</summary>
    private static async Task ExpectWhileAStrangerPublishes(string stranger, string hostAddress, int port, string how)
    {
        using var host = await SshDockerHost.ConnectAsync(await Ssh());
        // Labelled as the world's, so `./verify.sh down` removes it if this test is killed.
        await Run(host, $"docker run -d --name {stranger} --label {ModuleWorld.WorldLabel}=fault -p {hostAddress}:{port}:{port} {DebianImage} sleep 600");
        try
        {
            await Expect($"port {port} {how}", ["Ready-5"], $"is held by container {stranger} (no compose project), which no cutover step stops");
        }
        finally
        {
            await Run(host, $"docker rm -f {stranger}");
        }
    }

    [Test]
    public async Task FilesApiKeyDiffersFromTheRunningOne()
    {
        var target = await MatrixRun.Current.RehearsalHostTargetAsync();
        await Expect("FILES_API_KEY differs from the running files-api's key", ["Ready-6"], "differs from the API_KEY of the running files-api",
            target: target with { FilesApiKey = "not-the-running-key" });
    }

    /// <summary>A base image every rehearsal machine has (built offline by fixtures/images).</summary>
    private const string DebianImage = "mint-rehearsal/debian:bookworm";
}
