using Mint.Verification.Checks.Readiness;
using Mint.Verification.Modules;
using Mint.Verification.Remote;
using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests.Isolation;

/// <summary>
/// Who publishes a port on the rehearsal's engine, read from the engine itself (`docker ps`): the
/// host world's containers (its label) and the rehearsal's compose projects (the old stacks and the
/// unified stack), so a publisher the compose tests do not know of is caught too. Judged by
/// <see cref="RehearsalExposureTests"/> before a cutover and on the slow-cutover test's cutover after it.
/// </summary>
internal static class RehearsalPublishers
{
    /// <summary>Every binding of the host world's containers and the rehearsal's projects must be on 127.0.0.0/8; <paramref name="when"/> names the moment in the message.</summary>
    public static async Task<IReadOnlyList<string>> AssertLoopbackOnlyAsync(SshDockerHost host, string when)
    {
        var publishers = await ListAsync(host, await ProjectsAsync());
        Assert.That(publishers.Where(Exposed), Is.Empty, $"{when}, published beyond loopback");
        return publishers;
    }

    /// <summary>After a rehearsed cutover: loopback only, and the unified stack publishes on 127.0.0.1 and on the Tailscale stand-in (or the listing could not be judged).</summary>
    public static async Task AssertLoopbackOnlyAfterTheCutoverAsync(SshDockerHost host)
    {
        var settings = MatrixRun.Current.Settings;
        var port = ModuleCatalogue.OrderIntake.Port(settings);
        var after = await ListAsync(host, await ProjectsAsync());
        Assert.Multiple(() =>
        {
            Assert.That(after.Where(Exposed), Is.Empty, "after the cutover, published beyond loopback");
            Assert.That(after, Has.Some.Contains($"127.0.0.1:{port}->"), "the unified stack's order-intake is not among the publishers: the listing cannot be judged");
            Assert.That(after, Has.Some.Contains($"{settings.TailscaleHost}:{port}->"), "the unified stack does not publish on the Tailscale stand-in (TailscaleHost): the Access row would fail");
        });
    }

    /// <summary>The compose projects of the rehearsal: the world's old stacks and the release's unified project.</summary>
    private static async Task<IReadOnlySet<string>> ProjectsAsync()
    {
        var layout = (await MatrixRun.Current.HostWorldAsync()).State.Layout ?? HostLayout.Default;
        return layout.OldStacks.Select(s => s.Project)
            .Append(TwinRelease.ProjectOf(await File.ReadAllTextAsync(ReleaseLayout.ComposeFile(MatrixRun.Current.Settings))) ?? DeployLayout.UnifiedDirectory)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>"name: binding" for every port binding of the world's containers and the rehearsal's compose projects.</summary>
    private static async Task<List<string>> ListAsync(SshDockerHost host, IReadOnlySet<string> projects)
    {
        var listing = await host.RunAsync("docker ps --format '{{.Names}}\t{{.Label \"mint.verification.world\"}}\t{{.Label \"com.docker.compose.project\"}}\t{{.Ports}}'");
        Assert.That(listing.Succeeded, Is.True, "cannot list the engine's containers: " + listing.Transcript());
        return [.. listing.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 4 && (fields[1].Length > 0 || projects.Contains(fields[2])))
            .SelectMany(fields => fields[3].Split(", ", StringSplitOptions.RemoveEmptyEntries).Where(binding => binding.Contains("->", StringComparison.Ordinal)).Select(binding => $"{fields[0]}: {binding}"))];
    }

    /// <summary>A binding on any address outside 127.0.0.0/8 ("0.0.0.0:3500->3500/tcp", "[::]:3500->3500/tcp").</summary>
    private static bool Exposed(string publisher) => !publisher.Split(": ", 2)[1].StartsWith("127.", StringComparison.Ordinal);
}
