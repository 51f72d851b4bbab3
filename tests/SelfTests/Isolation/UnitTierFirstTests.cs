using Mint.Verification.Commands;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Isolation;

/// <summary>
/// `./verify.sh test` runs the engine-free tier (Category=Unit) right after its build, with no engine
/// reachable (DOCKER_HOST names no socket, and /run, where the engine's socket lives, is an empty
/// folder for it); prepare (engine, images) runs beside it and a failing Unit tier stops it and ends
/// the run there with its counts in the closing line. Proven with dotnet replaced by a stand-in whose
/// Unit run fails, docker and the installers by recorders, under unshare -n (<see cref="IsolatedScript"/>):
/// nothing the run started (prepare, the Debian bases' prefetch) outlives it.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
[Description("Issue 19 item 2: the engine-free tier runs first")]
public sealed class UnitTierFirstTests
{
    private const string NoEngine = "unix:///nonexistent/docker.sock";

    [OneTimeSetUp]
    public Task NetworkNamespaceIsAvailable() => IsolatedScript.RequireNetworkNamespaceAsync();

    [Test]
    public async Task AFailingUnitTierStopsTheRunAndThePrepareBesideIt()
    {
        using var home = new ScratchHome();
        using var tools = new ToolRecorder();
        var dotnetCalls = Path.Combine(home.Folder, "dotnet-calls");
        var standIn = Directory.CreateDirectory(Path.Combine(home.Folder, "bin")).FullName;
        var dotnet = Path.Combine(standIn, "dotnet");
        var prefetching = Path.Combine(home.Folder, "debootstrap-started");
        // A file in /run that the tier must not see: /run is replaced for it (where the engine's socket lives).
        var runMarker = $"/run/mint-unit-tier-{Guid.NewGuid():N}";
        var runSeen = Path.Combine(home.Folder, "run-marker-seen");
        // Root can always write /run; without root verify.sh cannot make a mount namespace and must say so.
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await File.WriteAllTextAsync(runMarker, "the Unit tier must not see this file");
        }

        // The prefetch's debootstrap (it needs root) starts and keeps running, as a slow mirror would:
        // the run must stop it when the tier fails.
        var debootstrap = Path.Combine(standIn, "debootstrap");
        await File.WriteAllTextAsync(debootstrap, $$"""
            #!/bin/sh
            touch '{{prefetching}}'
            exec sleep 300
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        File.SetUnixFileMode(debootstrap, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // The build succeeds once the prefetch is under way (at most 10 s); the test run reports one
        // failure in the platform's count line.
        await File.WriteAllTextAsync(dotnet, $$"""
            #!/bin/sh
            printf '%s | DOCKER_HOST=%s\n' "dotnet $*" "$DOCKER_HOST" >>'{{dotnetCalls}}'
            case "$1" in
              build) i=0; while [ "$(id -u)" = 0 ] && [ ! -e '{{prefetching}}' ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; exit 0 ;;
              test) [ -e '{{runMarker}}' ] && touch '{{runSeen}}'; echo 'Failed!  - Failed:     1, Passed:     2, Skipped:     0, Total:     3, Duration: 1 s - SelfTests.dll (net10.0)'; exit 1 ;;
            esac
            exit 1
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home.Folder,
            // The background prefetch of the Debian bases writes here, not into this machine's cache.
            ["MINT_CACHE_DIR"] = Path.Combine(home.Folder, "cache"),
            ["MINT_BUILD_LOG_DIR"] = Path.Combine(home.Folder, "build-logs"),
            ["DOCKER_HOST"] = null,
            ["DOCKER_CONTEXT"] = null,
            ["DOCKER_CONFIG"] = null,
            ["TESTCONTAINERS_HOST_OVERRIDE"] = null,
            ["PATH"] = $"{standIn}:{tools.SearchPath}",
        };

        CommandResult run;
        try
        {
            run = await IsolatedScript.RunCommandAsync("./verify.sh test", environment);
        }
        finally
        {
            File.Delete(runMarker);
        }

        var outliving = await ProcessesOfAsync(home.Folder);
        var calls = File.Exists(dotnetCalls) ? (await File.ReadAllTextAsync(dotnetCalls)).Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), $"a failing Unit tier fails ./verify.sh test: {run.Transcript()}");
            Assert.That(calls, Has.Length.EqualTo(2), $"dotnet is called for the build and the Unit tier only: {string.Join('\n', calls)}");
            Assert.That(calls.ElementAtOrDefault(0), Does.StartWith("dotnet build Verification.sln"), "the build comes first");
            Assert.That(calls.ElementAtOrDefault(1), Does.StartWith("dotnet test Verification.sln --no-build --filter Category=Unit ").And.EndWith($"DOCKER_HOST={NoEngine}"),
                "then the Unit tier, with no engine reachable");
            if (asRoot)
            {
                Assert.That(run.Stderr, Does.Contain("/run empty (unshare -m)"), $"as root the tier runs with /run hidden, and the log says so: {run.Transcript()}");
                Assert.That(File.Exists(runSeen), Is.False, $"the Unit tier saw {runMarker}: /run (the engine's socket) is not hidden from it: {run.Transcript()}");
            }
            else
            {
                Assert.That(run.Stderr, Does.Contain("/run not hidden").Or.Contain("with this machine's network"), $"without root the log names the isolation the tier did not get: {run.Transcript()}");
            }

            Assert.That(run.Stderr, Does.Contain("prepare (started beside it) was stopped"), $"the log says prepare was stopped: {run.Transcript()}");
            Assert.That(run.Stdout, Does.Contain("2 passed, 1 failed, 0 skipped"), $"the Unit tier's counts are in the closing line: {run.Transcript()}");
            Assert.That(run.Stderr, Does.Contain("unit tier failed"), $"the log says why the run stopped: {run.Transcript()}");
            if (Environment.UserName == "root")
            {
                Assert.That(File.Exists(prefetching), Is.True, $"the prefetch's debootstrap had started before the tier failed: {run.Transcript()}");
            }

            Assert.That(outliving, Is.Empty, "nothing the run started (the prefetch's build-images.sh and its debootstrap) outlives it");
        });
    }

    /// <summary>The processes whose environment names <paramref name="home"/> (this run's scratch HOME), asked every 0.2 s for up to 10 s until none is left.</summary>
    private static async Task<IReadOnlyList<string>> ProcessesOfAsync(string home)
    {
        var marker = System.Text.Encoding.UTF8.GetBytes($"HOME={home}\0");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        List<string> left;
        do
        {
            left = [];
            foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
            {
                try
                {
                    var environment = await File.ReadAllBytesAsync(Path.Combine(process, "environ"));
                    if (environment.AsSpan().IndexOf(marker) >= 0)
                    {
                        left.Add($"{Path.GetFileName(process)}: {(await File.ReadAllTextAsync(Path.Combine(process, "cmdline"))).Replace('\0', ' ').Trim()}");
                    }
                }
                catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
                {
                    // Ended meanwhile, or not ours to read.
                }
            }

            if (left.Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
        while (left.Count > 0 && DateTime.UtcNow < deadline);
        return left;
    }
}
