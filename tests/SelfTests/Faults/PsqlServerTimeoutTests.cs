using System.Diagnostics;
using Mint.Verification.Remote;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// On the rehearsal host's real Postgres, through the runbook's own psql command line: a statement
/// longer than the session bound is cancelled by the server, and a script whose statements each fit
/// but whose total does not commits nothing. Needs the host world.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[NonParallelizable]
public sealed class PsqlServerTimeoutTests
{
    /// <summary>The client's bound; the server's is 3 s under it (ServerSideBounds.Under: half of a bound this short).</summary>
    private static readonly TimeSpan ClientBound = TimeSpan.FromSeconds(6);

    [Test]
    public async Task StatementPastTheBoundIsCancelledByTheServer()
    {
        using var host = await HostWorldSsh.ConnectAsync();
        var clock = Stopwatch.StartNew();

        var run = await host.RunAsync(PostgresAccess.PsqlCommand(MatrixRun.Current.Settings, "SELECT pg_sleep(20)", ClientBound), ClientBound);

        Assert.Multiple(() =>
        {
            Assert.That(run.Succeeded, Is.False, "a 20 s statement under a 3 s server bound cannot succeed");
            Assert.That(run.Stderr, Does.Contain("statement timeout"), "Postgres itself must cancel it: " + run.Transcript());
            Assert.That(clock.Elapsed, Is.LessThan(ClientBound), "the server gives up before the client's bound");
        });
    }

    [Test]
    public async Task ScriptPastTheBoundCommitsNothing()
    {
        using var host = await HostWorldSsh.ConnectAsync();
        var table = $"mint_guard_probe_{Guid.NewGuid():N}";
        var script = $"CREATE TABLE {table} (id int); SELECT pg_sleep(2); SELECT pg_sleep(2); {Database.ServerSideBounds.CommitGuard(ClientBound)} SELECT 1";

        var run = await host.RunAsync(PostgresAccess.PsqlCommand(MatrixRun.Current.Settings, script, ClientBound), ClientBound);
        var left = await host.RunAsync(PostgresAccess.PsqlCommand(MatrixRun.Current.Settings, $"SELECT count(*) FROM pg_tables WHERE tablename = '{table}'"));
        await host.RunAsync(PostgresAccess.PsqlCommand(MatrixRun.Current.Settings, $"DROP TABLE IF EXISTS {table}"));

        Assert.Multiple(() =>
        {
            Assert.That(run.Succeeded, Is.False, "4 s of statements under a 3 s bound must not commit: " + run.Transcript());
            Assert.That(run.Stderr, Does.Contain("nothing committed"), "the commit guard must be what stopped it: " + run.Transcript());
            Assert.That(left.Stdout.Trim(), Is.EqualTo("0"), $"the table {table} was committed past the bound");
        });
    }
}
