using Mint.Verification.Checks.Access;
using Mint.Verification.Checks.Rows;
using Mint.Verification.Faults;
using Mint.Verification.Targets;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// The Access row's faults (issue 21, the change pack's "accessible via LAN and Tailscale"), on a
/// host the slow-cutover test has just cut over: the row as the Post stage runs it passes (the unified
/// stack answers at 127.0.0.1 and at the Tailscale stand-in), and a Tailscale address where nothing is
/// published fails it, naming the address and the setting. Nothing on the host is changed.
/// </summary>
public sealed partial class RunbookFaultTests
{
    /// <summary>A loopback address no rehearsal container publishes on: "docker-host is not on the tailnet".</summary>
    private const string UnpublishedAddress = "127.0.0.3";

    private static async Task AccessFaultsAsync(TargetUnderTest target)
    {
        var healthy = await PostRows.All.Single(row => row.Id == AccessCheck.Row).RunAsync(MatrixRun.Current);
        var held = FaultCatalogue.Held("Access row on a healthy cutover (the control): every module at Host and TailscaleHost", [healthy], healthy.Observations.FirstOrDefault() ?? string.Empty, MatrixRun.ResultsDirectory);
        Assert.That(held.Detected && held.UnexpectedFailures.Count == 0, Is.True, "the Access row on a healthy cutover: " + healthy.Describe());

        var elsewhere = target with { Tailscale = ModuleEndpoints.On(UnpublishedAddress, Settings()) };
        var unreachable = await AccessCheck.RunAsync(AccessCheck.Row, elsewhere, MatrixRun.Current.Http);
        Detected($"Tailscale address unreachable (TailscaleHost {UnpublishedAddress}: nothing published there)", [AccessCheck.Row], [unreachable], $"via Tailscale at {UnpublishedAddress} (TailscaleHost)");
        Assert.That(unreachable.Problems, Has.Exactly(3).Contains($"http://{UnpublishedAddress}:"), "each module's address is named: " + unreachable.Describe());
    }
}
