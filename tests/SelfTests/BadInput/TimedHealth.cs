using System.Diagnostics;
using Mint.Verification.Http;
using Mint.Verification.Modules;

namespace Mint.Verification.SelfTests.BadInput;

/// <summary>Runs the files-api health row against an address with a short HTTP timeout, timed, and prints the time.</summary>
internal static class TimedHealth
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>A row against a bad target must end within the HTTP timeout plus 2 s.</summary>
    public static readonly TimeSpan Bound = Timeout + TimeSpan.FromSeconds(2);

    public static async Task<(CheckResult Result, TimeSpan Elapsed)> RunAsync(string what, Uri baseAddress)
    {
        var clock = Stopwatch.StartNew();
        var result = await HealthCheck.RunAsync("Post-1", "files-api", baseAddress, ModuleCatalogue.Artwork.HealthFields, new ModuleHttp(Timeout));
        var elapsed = clock.Elapsed;
        TestContext.Progress.WriteLine($"[bad-input] {what}: {elapsed.TotalSeconds:F2} s (bound {Bound.TotalSeconds:0} s): {string.Join(" ", result.Problems)}");
        return (result, elapsed);
    }
}
