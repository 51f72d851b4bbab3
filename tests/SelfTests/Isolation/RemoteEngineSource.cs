namespace Mint.Verification.SelfTests.Isolation;

/// <summary>
/// One way an operator's machine can point at a remote engine, with what the refusal must name.
/// One table feeds the in-process guard tests and the verify.sh tests.
/// </summary>
public sealed record RemoteEngineSource(string Name, string MustName, IReadOnlyDictionary<string, string> Variables, Action<ScratchHome> ArrangeHome)
{
    /// <summary>TEST-NET-1 (RFC 5737): documentation only, never routed; and never contacted here (see ScriptRefusalTests).</summary>
    public const string Remote = "tcp://192.0.2.10:2375";
    public const string RemoteAddress = "192.0.2.10";

    /// <summary>Starts like loopback, but Go and .NET read 127.0.0.1:2375 as user info and connect to 192.0.2.10.</summary>
    public const string RemoteBehindUserInfo = "tcp://127.0.0.1:2375@192.0.2.10";

    public static RemoteEngineSource DockerHostWithUserInfo { get; } =
        new("DOCKER_HOST with user info", $"DOCKER_HOST={RemoteBehindUserInfo}", new Dictionary<string, string> { ["DOCKER_HOST"] = RemoteBehindUserInfo }, _ => { });

    public static IEnumerable<RemoteEngineSource> All =>
    [
        new("DOCKER_HOST", $"DOCKER_HOST={Remote}", new Dictionary<string, string> { ["DOCKER_HOST"] = Remote }, _ => { }),
        DockerHostWithUserInfo,
        new("DOCKER_CONTEXT", $"DOCKER_CONTEXT=prod points at {Remote}", new Dictionary<string, string> { ["DOCKER_CONTEXT"] = "prod" }, home => home.AddContext("prod", Remote)),
        new("CLI current context", $"currentContext 'prod' in", new Dictionary<string, string>(), home =>
        {
            home.AddContext("prod", Remote);
            home.UseContext("prod");
        }),
        new("tc.host", $"tc.host={Remote} in", new Dictionary<string, string>(), home => home.SetTestcontainersProperty("tc.host", Remote)),
        new("docker.host", $"docker.host={Remote} in", new Dictionary<string, string>(), home => home.SetTestcontainersProperty("docker.host", Remote)),
        new("TESTCONTAINERS_HOST_OVERRIDE", $"TESTCONTAINERS_HOST_OVERRIDE={RemoteAddress}", new Dictionary<string, string> { ["TESTCONTAINERS_HOST_OVERRIDE"] = RemoteAddress }, _ => { }),
    ];

    /// <summary>
    /// The environment a run sees: only this case's variables (the test process's own DOCKER_* are
    /// removed) and the scratch home.
    /// </summary>
    public Dictionary<string, string?> Environment(ScratchHome home)
    {
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home.Folder,
            ["XDG_STATE_HOME"] = Path.Combine(home.Folder, ".local", "state"),
            ["DOCKER_HOST"] = null,
            ["DOCKER_CONTEXT"] = null,
            ["DOCKER_CONFIG"] = null,
            ["TESTCONTAINERS_HOST_OVERRIDE"] = null,
        };
        foreach (var (name, value) in Variables)
        {
            environment[name] = value;
        }

        return environment;
    }

    public ScratchHome Arrange()
    {
        var home = new ScratchHome();
        ArrangeHome(home);
        return home;
    }

    public override string ToString() => Name;
}
