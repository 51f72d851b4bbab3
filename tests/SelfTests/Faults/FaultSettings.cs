using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>Settings the self-tests' cutovers run with.</summary>
internal static class FaultSettings
{
    /// <summary>
    /// The rehearsal's settings with a 3 s stabilisation: a self-test whose cutover is about what
    /// fails, what is rolled back or what is published, not about the dwell, would otherwise wait
    /// the full 10 s at step 7. The 10 s dwell itself is proven by the drill and by the test of a
    /// release that turns unhealthy inside it (RunbookFaultTests).
    /// </summary>
    public static VerificationSettings ShortDwell => MatrixRun.Current.Settings with { Stabilization = TimeSpan.FromSeconds(3) };
}
