using Mint.Verification.Commands;
using Mint.Verification.Engine;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Isolation;

/// <summary>
/// The endpoint rule in bash and in C#, held to one table (<see cref="EndpointTable"/>): each row
/// gives the expected answer in both guards, and the two agree. Only text is judged: bash is
/// started to source the guard and call its function, nothing is contacted, no engine is needed.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
[Description("Issue 17 item 1: one endpoint rule, in shell and in C#")]
public sealed class EndpointRuleTests
{
    private static readonly string Guard = Path.Combine(RepositoryRoot.Path, "fixtures", "engine", "local-engine-guard.sh");

    [TestCaseSource(typeof(EndpointTable), nameof(EndpointTable.Engines))]
    public async Task EngineEndpoint(EndpointCase endpoint) =>
        AgreeOnTheExpectedAnswer(endpoint, await ShellSaysAsync("is_local_engine", endpoint), LoopbackEndpoint.IsLocalEngine(endpoint.Text), "is_local_engine", "LoopbackEndpoint.IsLocalEngine");

    [TestCaseSource(typeof(EndpointTable), nameof(EndpointTable.Hosts))]
    public async Task BareHost(EndpointCase host) =>
        AgreeOnTheExpectedAnswer(host, await ShellSaysAsync("is_loopback_host", host), LoopbackEndpoint.IsLoopbackHost(host.Text), "is_loopback_host", "LoopbackEndpoint.IsLoopbackHost");

    private static void AgreeOnTheExpectedAnswer(EndpointCase row, bool shell, bool csharp, string shellFunction, string csharpMethod)
    {
        var expected = row.IsLocal ? "local" : "refused";
        Assert.Multiple(() =>
        {
            Assert.That(shell, Is.EqualTo(row.IsLocal), $"{shellFunction} {row.Shown} must answer {expected} ({row.Why})");
            Assert.That(csharp, Is.EqualTo(row.IsLocal), $"{csharpMethod}({row.Shown}) must answer {expected} ({row.Why})");
            Assert.That(csharp, Is.EqualTo(shell), $"the bash and C# guards disagree on {row.Shown}");
        });
    }

    /// <summary>
    /// The guard sourced in a fresh bash with a UTF-8 locale (an operator's usual one: the guard
    /// must not let the locale widen its character ranges); exit 0 is local, 1 refused.
    /// </summary>
    private static async Task<bool> ShellSaysAsync(string function, EndpointCase row)
    {
        var environment = new Dictionary<string, string?> { ["LC_ALL"] = "C.UTF-8" };
        var result = await new ProcessRunner(TimeSpan.FromSeconds(10)).RunAsync(
            "bash", ["-c", $"source \"$0\" && {function} \"$1\"", Guard, row.Text], RepositoryRoot.Path, environment);
        Assert.That(result.ExitCode, Is.EqualTo(0).Or.EqualTo(1), $"bash {function} {row.Shown} must answer with exit 0 or 1, and nothing on stderr: {result.Transcript()}");
        Assert.That(result.Stderr, Is.Empty, $"bash {function} {row.Shown} wrote to stderr: {result.Transcript()}");
        return result.ExitCode == 0;
    }
}
