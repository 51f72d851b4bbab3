namespace Mint.Verification.SelfTests.Isolation;

/// <summary>
/// ./verify.sh down and rehearse with each source pointed at a remote engine: refused within 5 s,
/// naming the source, and the local engine's containers exactly as before. Run under unshare -n
/// (<see cref="IsolatedScript"/>): no packet can leave this machine even if the guard were gone.
/// </summary>
[TestFixture("down")]
[TestFixture("rehearse")]
[Category("SelfTest")]
[Description("Issue 10 item 1: rehearsal isolation")]
public sealed class ScriptRefusalTests(string subcommand)
{
    [OneTimeSetUp]
    public Task NetworkNamespaceIsAvailable() => IsolatedScript.RequireNetworkNamespaceAsync();

    [TestCaseSource(typeof(RemoteEngineSource), nameof(RemoteEngineSource.All))]
    public async Task RemoteSourceIsRefusedBeforeAnyDockerCall(RemoteEngineSource source)
    {
        using var home = source.Arrange();
        var before = await IsolatedScript.LocalContainersAsync();

        var run = await IsolatedScript.RunAsync(subcommand, source.Environment(home));

        var after = await IsolatedScript.LocalContainersAsync();
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Null.And.Not.EqualTo(0), $"./verify.sh {subcommand} with {source} remote must be refused: {run.Transcript()}");
            Assert.That(run.Elapsed, Is.LessThan(IsolatedScript.RefusalBound), $"the refusal must come before any slow work: {run.Transcript()}");
            Assert.That(run.Stderr, Does.Contain("refused: ").And.Contain(source.MustName), $"the refusal names the source: {run.Transcript()}");
            Assert.That(after, Is.EqualTo(before), "docker ps -a on the local engine must be unchanged");
        });
    }
}
