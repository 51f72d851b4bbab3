using Mint.Verification.Commands;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Isolation;

/// <summary>
/// Runs ./verify.sh in a network namespace of its own with only loopback up (unshare -n), so that
/// even a missing guard cannot send a packet off this machine; and reads the local engine's
/// containers through its socket only.
/// </summary>
internal static class IsolatedScript
{
    /// <summary>The child is killed after this; the refusal itself must come within <see cref="RefusalBound"/>.</summary>
    public static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan RefusalBound = TimeSpan.FromSeconds(5);

    /// <summary>Fails (never skips) when network namespaces are not available: the proof would be unsafe without one.</summary>
    public static async Task RequireNetworkNamespaceAsync()
    {
        var probe = await new ProcessRunner(TimeSpan.FromSeconds(10)).RunAsync("unshare", ["-n", "sh", "-c", "ip link set lo up && ip -o link show up"], RepositoryRoot.Path);
        Assert.That(probe.Succeeded, Is.True, $"`unshare -n` with loopback up is required to prove the refusal without any packet leaving this machine (run as root or allow user namespaces): {probe.Outcome} {probe.Tail()}");
        Assert.That(probe.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.All.Contains(": lo:"), $"the namespace must have only loopback up: {probe.Stdout}");
    }

    public static Task<CommandResult> RunAsync(string subcommand, IReadOnlyDictionary<string, string?> environment) =>
        RunCommandAsync($"./verify.sh {subcommand}", environment);

    /// <summary>A shell command line, run from the repository root in the namespace.</summary>
    public static Task<CommandResult> RunCommandAsync(string commandLine, IReadOnlyDictionary<string, string?> environment) =>
        new ProcessRunner(KillAfter).RunAsync("unshare", ["-n", "sh", "-c", $"ip link set lo up && exec {commandLine}"], RepositoryRoot.Path, environment);

    /// <summary>Every container of the local engine (id, name, state) but the private module worlds' (<see cref="HostWorldListing"/>), asked over its unix socket and nowhere else.</summary>
    public static async Task<string> LocalContainersAsync()
    {
        var result = await new ProcessRunner(TimeSpan.FromSeconds(20)).RunAsync(
            "docker", ["ps", "-a", "--no-trunc", "--format", HostWorldListing.Format("{{.ID}} {{.Names}} {{.State}}")], RepositoryRoot.Path, LocalSocketOnly);
        Assert.That(result.Succeeded, Is.True, $"cannot list the local engine's containers: {result.Tail()}");
        return string.Join('\n', HostWorldListing.WithoutModuleWorlds(result.Stdout));
    }

    /// <summary>The docker CLI pinned to this machine's socket, whatever this process's environment says.</summary>
    public static IReadOnlyDictionary<string, string?> LocalSocketOnly { get; } = new Dictionary<string, string?>
    {
        ["DOCKER_HOST"] = Engine.EngineEndpoint.DefaultSocket,
        ["DOCKER_CONTEXT"] = null,
        ["DOCKER_API_VERSION"] = "1.41",
    };
}
