using Mint.Verification.Commands;
using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests;

/// <summary>
/// The "changed nothing" listings leave the private module worlds' containers out, and only them:
/// were the label or its value to drift, the comparisons would again see the second lane's
/// containers come and go (false failures), or would hide the host's own (false passes).
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class HostWorldListingTests
{
    // What `docker ps -a --format '<label>|{{.Names}}'` prints: a module world's, two host world's, one unlabelled.
    private const string Listing = "module|mint-mw-files-api-1a2b\nhost|mint-hw-postgres\n|files-api\nhost|docker-host\nmodule|mint-mw-s3-1a2b\n";

    [Test]
    public void TheParsedListingKeepsEveryContainerButTheModuleWorlds()
    {
        Assert.That(HostWorldListing.WithoutModuleWorlds(Listing), Is.EqualTo(new[] { "docker-host", "files-api", "mint-hw-postgres" }));
    }

    [Test]
    public async Task TheShellListingKeepsTheSameContainers()
    {
        // The command's own filter, after its `docker ps`, run over the same lines.
        var command = HostWorldListing.Command("{{.Names}}");
        var filter = command[command.IndexOf(" | ", StringComparison.Ordinal)..];
        var run = await new ProcessRunner(TimeSpan.FromSeconds(10)).RunAsync("bash", ["-c", $"printf '{Listing.Replace("\n", "\\n", StringComparison.Ordinal)}'{filter}"], Path.GetTempPath());

        Assert.That(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "docker-host", "files-api", "mint-hw-postgres" }), run.Transcript());
    }

    [Test]
    public void TheListingAsksForTheLabelTheModuleWorldsCarry()
    {
        Assert.That(HostWorldListing.Format("{{.Names}}"), Does.StartWith($"{{{{.Label \"{ModuleWorld.WorldLabel}\"}}}}|"));
    }
}
