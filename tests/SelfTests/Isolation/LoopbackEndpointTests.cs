using Mint.Verification.Engine;

namespace Mint.Verification.SelfTests.Isolation;

/// <summary>What counts as this machine's engine: decided from the text, never by a name lookup.</summary>
[TestFixture]
[Category("SelfTest")]
public sealed class LoopbackEndpointTests
{
    [TestCase("unix:///var/run/docker.sock")]
    [TestCase("unix:///run/user/1000/docker.sock")]
    [TestCase("tcp://127.0.0.1:2375")]
    [TestCase("tcp://127.8.9.10:2375")]
    [TestCase("tcp://localhost:2375")]
    [TestCase("tcp://[::1]:2375")]
    public void LocalEngineIsAccepted(string endpoint) =>
        Assert.That(LoopbackEndpoint.IsLocalEngine(endpoint), Is.True, $"{endpoint} is on this machine");

    [TestCase("tcp://192.0.2.10:2375", TestName = "TEST-NET address")]
    [TestCase("tcp://192.168.1.200:2375", TestName = "production docker-host")]
    [TestCase("tcp://localhost.example:2375", TestName = "a name that only starts like localhost")]
    [TestCase("tcp://127.1:2375", TestName = "short form the CLI would look up as a name")]
    [TestCase("tcp://2130706433:2375", TestName = "integer form the CLI would look up as a name")]
    [TestCase("tcp://[::ffff:192.0.2.10]:2375", TestName = "IPv4-mapped remote")]
    [TestCase("ssh://root@127.0.0.1", TestName = "ssh to loopback (a jump elsewhere)")]
    [TestCase("127.0.0.1:2375", TestName = "no scheme")]
    [TestCase("unix://", TestName = "unix without a path")]
    [TestCase("tcp://user@127.0.0.1:2375", TestName = "user info")]
    public void AnythingElseIsRefused(string endpoint) =>
        Assert.That(LoopbackEndpoint.IsLocalEngine(endpoint), Is.False, $"{endpoint} is not provably this machine's engine");
}
