using Mint.Verification.Checks.Readiness;
using Mint.Verification.Checks.Snapshot;
using Mint.Verification.Evidence;
using Mint.Verification.Remote;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// The Pre gate's records of the host world as it is now: the snapshot, where a cutover's step 0
/// reads it, and the old seed, where the Post stage's OldSeed row reads it. A self-test that runs a
/// cutover from the before state first records them, as the operator runs Pre before Cutover (an
/// earlier test may have recreated the old containers, which step 0 refuses).
/// </summary>
internal static class PreGateSnapshot
{
    /// <param name="directory">The cutover's results directory (a child `dotnet test`'s MINT_ALLURE_RESULTS); by default this process's night.</param>
    public static async Task RecordAsync(SshDockerHost host, Targets.TargetUnderTest target, string? directory = null)
    {
        var snapshot = await HostSnapshot.TakeAsync(new ReadinessContext(MatrixRun.Current.Settings, host, target), directory ?? MatrixRun.ResultsDirectory);
        Assert.That(snapshot.Passed, Is.True, "recording the Pre gate's snapshot before the cutover: " + snapshot.Describe());
    }

    /// <summary>Ready-1 as the Pre stage runs it (recording the oldest seed in this process's night); the seed it recorded.</summary>
    public static async Task<Guid> RecordOldSeedAsync(SshDockerHost host, Targets.TargetUnderTest target)
    {
        var ready1 = await DatabaseReadiness.CheckAsync(new ReadinessContext(MatrixRun.Current.Settings, host, target) { Night = MatrixRun.ResultsDirectory });
        Assert.That(ready1.Passed, Is.True, "Ready-1 before the cutover: " + ready1.Describe());
        var recorded = SeedRecord.ReadOld(MatrixRun.ResultsDirectory, target.Endpoints.FilesApi.Host, MatrixRun.Current.Settings.ChangeId, DateTimeOffset.UtcNow);
        Assert.That(recorded.Record, Is.Not.Null, $"Ready-1 recorded no old seed ({ready1.Observations[0]}): {recorded.Refusal}");
        return recorded.Record!.SeedId;
    }
}
