using Mint.Verification.Engine;

namespace Mint.Verification.SelfTests.Isolation;

/// <summary>
/// The in-process guard (<see cref="EngineEndpoint.Resolve"/>) as a pure function of its sources:
/// each source pointed at a remote engine in turn, with a scratch home. Nothing is contacted, and
/// this process's environment is never changed, so these run side by side.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
[Description("Issue 10 item 1: rehearsal isolation")]
public sealed class EngineGuardTests
{
    [TestCaseSource(typeof(RemoteEngineSource), nameof(RemoteEngineSource.All))]
    public void RemoteSourceIsRefusedNamingIt(RemoteEngineSource source)
    {
        using var home = source.Arrange();
        var sources = EngineSources.From(source.Environment(home).GetValueOrDefault);

        var refusal = Assert.Throws<EngineRefusedException>(() => EngineEndpoint.Resolve(sources), $"{source} points at {RemoteEngineSource.Remote}: the guard must refuse");

        Assert.That(refusal!.Message, Does.StartWith("refused: ").And.Contain(source.MustName).And.Contain(RemoteEngineSource.RemoteAddress), "the refusal names the source and its value");
    }

    [Test]
    public void NothingSetChoosesTheDefaultSocket()
    {
        using var home = new ScratchHome();

        var endpoint = EngineEndpoint.Resolve(Sources(home));

        Assert.That(endpoint.Address, Is.EqualTo(EngineEndpoint.DefaultSocket));
    }

    [Test]
    public void LocalContextIsChosenAsTheCliWould()
    {
        using var home = new ScratchHome();
        home.AddContext("rootless", "unix:///run/user/1000/docker.sock");
        home.UseContext("rootless");

        var endpoint = EngineEndpoint.Resolve(Sources(home));

        Assert.That(endpoint.Address, Is.EqualTo("unix:///run/user/1000/docker.sock"), "config.json's current context decides when no variable is set");
    }

    [Test]
    public void DockerHostWinsOverALocalContextAsInTheCli()
    {
        using var home = new ScratchHome();
        home.AddContext("rootless", "unix:///run/user/1000/docker.sock");

        var endpoint = EngineEndpoint.Resolve(Sources(home, ("DOCKER_HOST", "tcp://127.0.0.1:2375"), ("DOCKER_CONTEXT", "rootless")));

        Assert.That(endpoint.Address, Is.EqualTo("tcp://127.0.0.1:2375"));
    }

    [Test]
    public void LocalTcHostOtherThanTheChosenEngineIsRefused()
    {
        using var home = new ScratchHome();
        home.SetTestcontainersProperty("tc.host", "tcp://127.0.0.1:2375");

        var refusal = Assert.Throws<EngineRefusedException>(() => EngineEndpoint.Resolve(Sources(home)));

        Assert.That(refusal!.Message, Does.Contain("tc.host=tcp://127.0.0.1:2375").And.Contain(EngineEndpoint.DefaultSocket), "Testcontainers would use tc.host, the CLI the socket: two engines");
    }

    [Test]
    public void ContextWithoutMetaFileIsRefused()
    {
        using var home = new ScratchHome();

        var refusal = Assert.Throws<EngineRefusedException>(() => EngineEndpoint.Resolve(Sources(home, ("DOCKER_CONTEXT", "nowhere"))));

        Assert.That(refusal!.Message, Does.Contain("DOCKER_CONTEXT=nowhere").And.Contain("meta.json"));
    }

    private static EngineSources Sources(ScratchHome home, params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string> { ["HOME"] = home.Folder };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return EngineSources.From(environment.GetValueOrDefault);
    }
}
