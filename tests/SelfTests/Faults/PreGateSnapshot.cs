using Mint.Verification.Checks.Readiness;
using Mint.Verification.Checks.Snapshot;
using Mint.Verification.Evidence;
using Mint.Verification.Remote;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// The Pre gate's snapshot of the host world as it is now, where a cutover's step 0 reads it: a
/// self-test that runs a cutover from the before state first records it, as the operator runs Pre
/// before Cutover (an earlier test may have recreated the old containers, which step 0 refuses).
/// </summary>
internal static class PreGateSnapshot
{
    /// <param name="directory">The cutover's results directory (a child `dotnet test`'s MINT_ALLURE_RESULTS); by default this process's night.</param>
    public static async Task RecordAsync(SshDockerHost host, Targets.TargetUnderTest target, string? directory = null)
    {
        var snapshot = await HostSnapshot.TakeAsync(new ReadinessContext(MatrixRun.Current.Settings, host, target), directory ?? MatrixRun.ResultsDirectory);
        Assert.That(snapshot.Passed, Is.True, "recording the Pre gate's snapshot before the cutover: " + snapshot.Describe());
    }
}
