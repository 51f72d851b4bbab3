using Mint.Verification.Database;
using Mint.Verification.Remote;
using Mint.Verification.Runbooks.Cutover;
using Mint.Verification.Runbooks.Rollback;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// SQL sent over SSH stops on the server, not only in the client: the psql session carries
/// statement_timeout and lock_timeout below the client's bound, and the writing scripts (Cutover-8,
/// Rollback-4) refuse to commit once past it. Engine-free: the command and scripts as built.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class ServerSideBoundsTests
{
    private static readonly TimeSpan ClientBound = TimeSpan.FromSeconds(30);

    [Test]
    public void PsqlSessionCarriesBothTimeoutsBelowTheClientsBound()
    {
        var command = PostgresAccess.PsqlCommand(Settings(), "SELECT 1");

        Assert.Multiple(() =>
        {
            Assert.That(command, Does.StartWith("docker exec -i -e 'PGOPTIONS=-c statement_timeout=25000 -c lock_timeout=25000' 'postgres-x' psql "),
                "the session's own bounds must be set in docker exec's environment, 5 s under SshCommandTimeoutSeconds (30 s)");
            Assert.That(ServerSideBounds.Under(ClientBound), Is.LessThan(ClientBound), "the server must give up before the client");
        });
    }

    [Test]
    public void AnExplicitClientBoundIsTheOneUsed() =>
        Assert.That(PostgresAccess.PsqlCommand(Settings(), "SELECT 1", TimeSpan.FromSeconds(120)), Does.Contain("statement_timeout=115000 -c lock_timeout=115000"),
            "a command given a longer client bound gets a server bound under that one");

    [TestCase(30, 25)]
    [TestCase(11, 6)]
    [TestCase(10, 5)]
    [TestCase(4, 2)]
    public void ServerBoundIsUnderTheClientsWithRoomToAnswer(int client, int server) =>
        Assert.That(ServerSideBounds.Under(TimeSpan.FromSeconds(client)), Is.EqualTo(TimeSpan.FromSeconds(server)), $"server bound under a {client} s client bound");

    [Test]
    public void MigrationChecksItsDeadlineAfterItsWritesAndBeforeItsCommit()
    {
        var script = MigrateStep.MigrationSql(ClientBound);

        AssertGuardedAfter(script, "ALTER TABLE artwork_seeds ADD COLUMN", "COMMENT ON COLUMN");
    }

    [Test]
    public void ReverseMigrationChecksItsDeadlineAfterItsWritesAndBeforeItsCommit()
    {
        var script = ReverseMigrationStep.Sql("artwork_seeds_metadata_backup_x", ClientBound);

        AssertGuardedAfter(script, "CREATE TABLE artwork_seeds_metadata_backup_x", "DROP COLUMN metadata");
    }

    private static void AssertGuardedAfter(string script, params string[] writes)
    {
        var guard = script.IndexOf(ServerSideBounds.CommitGuard(ClientBound), StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(guard, Is.GreaterThan(0), "the script lacks the commit guard: " + script);
            Assert.That(ServerSideBounds.CommitGuard(ClientBound), Does.Contain("interval '25000 milliseconds'"), "the guard uses the server bound");
            foreach (var write in writes)
            {
                Assert.That(script.IndexOf(write, StringComparison.Ordinal), Is.InRange(0, guard), $"'{write}' must come before the guard, or it could commit past the bound");
            }

            Assert.That(script[(guard + ServerSideBounds.CommitGuard(ClientBound).Length)..], Does.Not.Contain("ALTER").And.Not.Contain("CREATE").And.Not.Contain("COMMENT"), "no write may follow the guard");
        });
    }

    private static VerificationSettings Settings()
    {
        var settings = MatrixRun.Current.Settings;
        return settings with
        {
            Ssh = settings.Ssh with { CommandTimeout = ClientBound },
            Deploy = settings.Deploy with { PostgresContainer = "postgres-x", DatabaseUser = "files", DatabaseName = "files" },
        };
    }
}
