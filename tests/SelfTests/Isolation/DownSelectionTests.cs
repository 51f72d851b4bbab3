using Mint.Verification.Commands;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Isolation;

/// <summary>
/// `./verify.sh down --list` (removes nothing): a container of a rehearsal compose project is
/// selected only when the engine is the one the host world recorded, never by its project name
/// alone. Uses one throw-away container (created, never started) and a scratch state folder.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Description("Issue 10 item 1: down removes only what the rehearsal created")]
// Alone: its throw-away container would otherwise show up in ScriptRefusalTests' docker ps -a comparison.
[NonParallelizable]
public sealed class DownSelectionTests
{
    private const string Image = "mint-rehearsal/debian:bookworm";
    private readonly string name = $"iso-test-{Guid.NewGuid():N}"[..20];
    private string id = string.Empty;

    [SetUp]
    public async Task CreateComposeLookalike()
    {
        var created = await Docker("create", "--name", name, "--label", "com.docker.compose.project=artwork-module", Image, "true");
        Assert.That(created.Succeeded, Is.True, $"cannot create the throw-away container from {Image}: {created.Tail()}");
        id = created.Stdout.Trim()[..12];
    }

    [TearDown]
    public async Task RemoveIt() => await Docker("rm", "-f", name);

    [Test]
    public async Task ComposeProjectWithoutRecordedEngineIsKept()
    {
        using var home = new ScratchHome();

        var listing = await ListAsync(home);

        Assert.That(listing, Does.Contain($"# container {id} {name} kept:"), "a project name alone must not select a container for removal");
    }

    [Test]
    public async Task ComposeProjectOnTheRecordedEngineIsSelected()
    {
        using var home = new ScratchHome();
        var engineId = (await Docker("info", "--format", "{{.ID}}")).Stdout.Trim();
        var state = Directory.CreateDirectory(Path.Combine(home.Folder, ".local", "state", "mint-verification")).FullName;
        await File.WriteAllTextAsync(Path.Combine(state, "host-world.json"), $$"""{ "Id": "iso", "EngineId": "{{engineId}}" }""");

        var listing = await ListAsync(home);

        Assert.That(listing, Does.Contain($"\ncontainer {id} {name} compose project artwork-module on engine {engineId}"), "the host world recorded this engine");
    }

    private static async Task<string> ListAsync(ScratchHome home)
    {
        var environment = new Dictionary<string, string?>(IsolatedScript.LocalSocketOnly)
        {
            ["HOME"] = home.Folder,
            ["XDG_STATE_HOME"] = Path.Combine(home.Folder, ".local", "state"),
            ["DOCKER_CONFIG"] = null,
            ["TESTCONTAINERS_HOST_OVERRIDE"] = null,
        };
        var result = await new ProcessRunner(TimeSpan.FromSeconds(30)).RunAsync(Path.Combine(RepositoryRoot.Path, "verify.sh"), ["down", "--list"], RepositoryRoot.Path, environment);
        Assert.That(result.Succeeded, Is.True, result.Transcript());
        return "\n" + result.Stdout;
    }

    private static Task<CommandResult> Docker(params string[] arguments) =>
        new ProcessRunner(TimeSpan.FromSeconds(30)).RunAsync("docker", arguments, RepositoryRoot.Path, IsolatedScript.LocalSocketOnly);
}
