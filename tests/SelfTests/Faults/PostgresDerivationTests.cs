using Mint.Verification.Checks.Readiness;
using Mint.Verification.Remote;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// PostgresContainer, DatabaseUser and DatabaseName left empty are derived from what the running
/// files-api uses (its DATABASE_URL: user, database, and the host name, which in the host world is
/// the alias "postgres" of another container), and Ready-1 then passes through the derived path.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[NonParallelizable]
public sealed class PostgresDerivationTests
{
    [Test]
    public async Task EmptyPostgresSettingsAreDerivedFromTheRunningFilesApi()
    {
        var configured = MatrixRun.Current.Settings;
        var empty = configured with { Deploy = configured.Deploy with { PostgresContainer = string.Empty, DatabaseUser = string.Empty, DatabaseName = string.Empty } };
        var target = await MatrixRun.Current.RehearsalHostTargetAsync();
        using var host = await SshDockerHost.ConnectAsync(target.Ssh!);

        var (derived, derivation) = await PostgresAccess.DeriveAsync(host, empty);
        var ready1 = await DatabaseReadiness.CheckAsync(new ReadinessContext(derived, host, target));

        Assert.Multiple(() =>
        {
            Assert.That(derived.Deploy.PostgresContainer, Is.EqualTo(configured.Deploy.PostgresContainer), derivation);
            Assert.That(derived.Deploy.DatabaseUser, Is.EqualTo(configured.Deploy.DatabaseUser), derivation);
            Assert.That(derived.Deploy.DatabaseName, Is.EqualTo(configured.Deploy.DatabaseName), derivation);
            Assert.That(derivation, Does.Contain("host 'postgres'"), "found through the alias, not the name");
            Assert.That(ready1.Problems, Is.Empty, ready1.Describe());
        });
    }

    [Test]
    public async Task AHostNameNoContainerAnswersToIsRefusedNamingTheSetting()
    {
        var configured = MatrixRun.Current.Settings;
        var container = configured.Deploy.PostgresContainer;
        var target = await MatrixRun.Current.RehearsalHostTargetAsync();
        using var host = await SshDockerHost.ConnectAsync(target.Ssh!);
        var empty = configured with { Deploy = configured.Deploy with { PostgresContainer = string.Empty } };

        // The fault: Postgres is no longer reachable as "postgres" on files-api's network.
        var cut = await host.RunAsync($"docker network disconnect mint-os-network {container}");
        Assert.That(cut.Succeeded, Is.True, "fault injection: " + cut.Transcript());
        try
        {
            var act = async () => await PostgresAccess.DeriveAsync(host, empty);

            Assert.That(act, Throws.InvalidOperationException.With.Message.Contains("PostgresContainer: left empty").And.Message.Contains("'postgres'"));
        }
        finally
        {
            var repair = await host.RunAsync($"docker network connect --alias postgres mint-os-network {container}");
            Assert.That(repair.Succeeded, Is.True, "repair: " + repair.Transcript());
        }

        var pre8 = await HostChecks.OldContainersHealthyAsync("Pre-8", host);
        Assert.That(pre8.Problems, Is.Empty, "the world is not back in its before state: " + pre8.Describe());
    }
}
