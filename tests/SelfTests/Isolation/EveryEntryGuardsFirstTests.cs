using System.Text.RegularExpressions;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Isolation;

/// <summary>
/// Every way in, with DOCKER_HOST=tcp://127.0.0.1:2375@192.0.2.10 (user info in front of a remote
/// host): each ./verify.sh subcommand (read from its dispatch, so one added later is covered too),
/// no subcommand, an unknown one, and every script that calls docker and can be run on its own.
/// Each must refuse with exit 3, naming DOCKER_HOST, before docker or anything else is called.
/// Under unshare -n (<see cref="IsolatedScript"/>) with the tools replaced by recorders
/// (<see cref="ToolRecorder"/>): no engine is needed and no packet can leave this machine.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
[Description("Issue 17 item 2: every entry runs the engine guard first")]
public sealed partial class EveryEntryGuardsFirstTests
{
    private const int GuardExit = 3;

    private static readonly string[] Standalone =
    [
        "bash fixtures/twin/divergences.sh",
        "bash fixtures/bench/benchmark.sh",
        "bash fixtures/images/ensure-engine.sh",
        "bash fixtures/images/build-images.sh",
    ];

    [OneTimeSetUp]
    public Task NetworkNamespaceIsAvailable() => IsolatedScript.RequireNetworkNamespaceAsync();

    public static IEnumerable<string> Entries() =>
        Subcommands().Select(subcommand => $"./verify.sh {subcommand}")
            .Concat(["./verify.sh", "./verify.sh no-such-subcommand"])
            .Concat(Standalone);

    [Test]
    public void DispatchIsReadFromVerifySh() =>
        Assert.That(Subcommands(), Is.SupersetOf(new[] { "prepare", "rehearse", "test", "down", "benchmark", "stability", "divergences" }), "the subcommands must be read from verify.sh's dispatch, or the entries below miss some");

    [TestCaseSource(nameof(Entries))]
    public async Task RefusesBeforeAnyToolIsCalled(string entry)
    {
        var source = RemoteEngineSource.DockerHostWithUserInfo;
        using var home = source.Arrange();
        using var tools = new ToolRecorder();
        var environment = source.Environment(home);
        environment["PATH"] = tools.SearchPath;

        var run = await IsolatedScript.RunCommandAsync(entry, environment);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(GuardExit), $"{entry} with {source.MustName} must be refused by the engine guard: {run.Transcript()}");
            Assert.That(run.Stderr, Does.Contain("refused: " + source.MustName), $"the refusal names DOCKER_HOST and its value: {run.Transcript()}");
            Assert.That(tools.Calls, Is.Empty, $"{entry} called these before (or instead of) refusing");
            Assert.That(run.Elapsed, Is.LessThan(IsolatedScript.RefusalBound), $"the refusal must come before any slow work: {run.Transcript()}");
        });
    }

    /// <summary>The labels of verify.sh's dispatch: `  name)` or `  name | other)` at two spaces' indent.</summary>
    private static IEnumerable<string> Subcommands() =>
        DispatchLabel().Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "verify.sh")))
            .SelectMany(label => label.Groups["names"].Value.Split('|', StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"^  (?<names>[a-z][a-z-]*(?: \| [a-z][a-z-]*)*)\)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DispatchLabel();
}
