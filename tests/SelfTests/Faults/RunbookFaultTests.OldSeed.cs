using Mint.Verification.Checks.OldSeed;
using Mint.Verification.Checks.Rows;
using Mint.Verification.Remote;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// The OldSeed row's faults (issue 21, the change pack's "existing rows get NULL"), on a host the
/// slow-cutover test has just cut over (no cutover of their own): the seed Ready-1 recorded before
/// it, changed or removed through the runbook's psql path, must fail the row; each is put back.
/// </summary>
public sealed partial class RunbookFaultTests
{
    /// <summary>Holds the deleted seed's row server-side while the fault lasts, so it goes back exactly as it was.</summary>
    private const string DeletedSeedCopy = "mint_fault_old_seed";

    private static async Task OldSeedFaultsAsync(SshDockerHost host, Guid oldSeed)
    {
        var healthy = await OldSeedRowAsync();
        Assert.That(healthy.Passed, Is.True, "the OldSeed row on a healthy cutover: " + healthy.Describe());

        var where = $"WHERE id = '{oldSeed}'";
        await Psql(host, $$"""UPDATE artwork_seeds SET metadata = '{"fault":"set after the cutover"}' {{where}}""");
        try
        {
            // The Migration row reads the same fact in the database (rows older than the migration with metadata): it fails too.
            Detected("old seed's metadata set after the cutover (UPDATE through psql)", [OldSeedCheck.Row, "Migration"], [await OldSeedRowAsync(), await MigrationRowAsync(host)], "metadata");
        }
        finally
        {
            await Psql(host, $"UPDATE artwork_seeds SET metadata = NULL {where}");
        }

        await Psql(host, $"DROP TABLE IF EXISTS {DeletedSeedCopy}; CREATE TABLE {DeletedSeedCopy} AS SELECT * FROM artwork_seeds {where}; DELETE FROM artwork_seeds {where}");
        try
        {
            Detected("old seed deleted after the cutover (DELETE through psql)", [OldSeedCheck.Row], [await OldSeedRowAsync(), await MigrationRowAsync(host)], "HTTP 404");
        }
        finally
        {
            await Psql(host, $"INSERT INTO artwork_seeds SELECT * FROM {DeletedSeedCopy}; DROP TABLE {DeletedSeedCopy}");
        }
    }

    /// <summary>The row as the Post stage runs it: from the table, with this run's context (the night Ready-1 recorded in, the host world's target).</summary>
    private static Task<CheckResult> OldSeedRowAsync() => PostRows.All.Single(row => row.Id == OldSeedCheck.Row).RunAsync(MatrixRun.Current);

    private static async Task<CheckResult> MigrationRowAsync(SshDockerHost host) =>
        await DeploymentChecks.MetadataColumnAsync("Migration", host, Settings(), await Runbooks.Cutover.MigrationRecord.ReadAsync(host, Settings()));

    private static Task Psql(SshDockerHost host, string sql) => Run(host, PostgresAccess.PsqlCommand(Settings(), sql));
}
