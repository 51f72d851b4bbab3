namespace Mint.Verification.SelfTests.Isolation;

/// <summary>
/// The endpoint rule as one table: each engine address with the answer both guards must give
/// (is_local_engine in fixtures/engine/local-engine-guard.sh, LoopbackEndpoint.IsLocalEngine in C#).
/// Refused rows are the ways a string can start like loopback and still reach another machine
/// (Go's URL parser and .NET's Uri read "tcp://127.0.0.1:2375@192.0.2.10" as user info and the
/// host 192.0.2.10), or be looked up as a host name. Nothing here is ever contacted.
/// </summary>
public static class EndpointTable
{
    public static IEnumerable<EndpointCase> Engines =>
    [
        new("unix:///var/run/docker.sock", true, "the default socket"),
        new("unix:///run/user/1000/docker.sock", true, "a rootless socket"),
        new("tcp://127.0.0.1:2375", true, "loopback with a port"),
        new("tcp://127.0.0.1", true, "loopback without a port"),
        new("tcp://127.8.9.10:2375", true, "anywhere in 127.0.0.0/8"),
        new("tcp://127.255.255.255:65535", true, "highest address and port"),
        new("tcp://127.0.0.1:1", true, "lowest port"),
        new("tcp://localhost:2375", true, "localhost with a port"),
        new("tcp://localhost", true, "localhost without a port"),
        new("tcp://[::1]:2375", true, "IPv6 loopback"),
        new("tcp://127.0.0.1:2375@192.168.1.200", false, "user info: the host is 192.168.1.200"),
        new("tcp://127.0.0.1:@192.168.1.200", false, "user info with an empty port"),
        new("tcp://user@127.0.0.1:2375", false, "user info before loopback"),
        new("tcp://[::1]:2375@192.0.2.10", false, "user info after IPv6 loopback"),
        new("tcp://127.0.0.1:2375%40192.0.2.10", false, "percent-encoded @"),
        new("tcp://[::1%25lo]:2375", false, "IPv6 zone id"),
        new("tcp://127.0.0.1:2375?host=192.0.2.10", false, "query"),
        new("tcp://127.0.0.1:2375#@192.0.2.10", false, "fragment"),
        new("tcp://127.0.0.1:2375/", false, "trailing slash (nothing may follow the port)"),
        new("tcp://127.0.0.1:2375/v1.41", false, "path"),
        new("tcp://127.0.0.1:2375x", false, "trailing text"),
        new("tcp://127.0.0.1:2375\n", false, "newline at the end"),
        new("tcp://127.0.0.1:2375\ntcp://192.0.2.10:2375", false, "newline inside"),
        new("unix:///var/run/docker.sock\n", false, "socket path with a newline at the end"),
        new(" tcp://127.0.0.1:2375", false, "leading space"),
        new("tcp://127.0.0.1:2375 ", false, "trailing space"),
        new("tcp://127.0.0.1 :2375", false, "space before the port"),
        new("tcp://192.0.2.10:2375", false, "TEST-NET address"),
        new("tcp://192.168.1.200:2375", false, "production docker-host"),
        new("tcp://localhost.example:2375", false, "a name that only starts like localhost"),
        new("tcp://LOCALHOST:2375", false, "localhost in another spelling"),
        new("tcp://127.1:2375", false, "short form the CLI would look up as a name"),
        new("tcp://2130706433:2375", false, "integer form the CLI would look up as a name"),
        new("tcp://127.0.0.010:2375", false, "leading zero: Go looks it up as a name"),
        new("tcp://127.0.0.256:2375", false, "octet above 255"),
        new("tcp://[::ffff:192.0.2.10]:2375", false, "IPv4-mapped remote"),
        new("tcp://[0:0:0:0:0:0:0:1]:2375", false, "IPv6 loopback in a long spelling"),
        new("tcp://::1:2375", false, "IPv6 without brackets"),
        new("tcp://127.0.0.1:99999", false, "port above 65535"),
        new("tcp://127.0.0.1:65536", false, "port 65536"),
        new("tcp://127.0.0.1:0", false, "port 0"),
        new("tcp://127.0.0.1:02375", false, "port with a leading zero"),
        new("tcp://127.0.0.1:", false, "empty port"),
        new("tcp://127.0.0.1:\uFF12\uFF13\uFF17\uFF15", false, "full-width digits in the port"),
        new("TCP://127.0.0.1:2375", false, "upper-case scheme"),
        new("ssh://root@127.0.0.1", false, "ssh to loopback (a jump elsewhere)"),
        new("npipe:////./pipe/docker_engine", false, "Windows named pipe"),
        new("unix://", false, "unix without a path"),
        new("unix:///", false, "unix with an empty path"),
        new("unix://192.0.2.10/var/run/docker.sock", false, "unix with a host"),
        new("unix:///var/run/docker.sock?x=1", false, "socket path with a query"),
        new("127.0.0.1:2375", false, "no scheme"),
        new("", false, "empty"),
    ];

    /// <summary>Bare hosts (TESTCONTAINERS_HOST_OVERRIDE, host.override): is_loopback_host and LoopbackEndpoint.IsLoopbackHost.</summary>
    public static IEnumerable<EndpointCase> Hosts =>
    [
        new("localhost", true, "localhost"),
        new("127.0.0.1", true, "loopback"),
        new("127.1.2.3", true, "anywhere in 127.0.0.0/8"),
        new("::1", true, "IPv6 loopback"),
        new("[::1]", true, "IPv6 loopback in brackets"),
        new("127.0.0.1\n", false, "newline at the end"),
        new("localhost\n", false, "localhost with a newline at the end"),
        new("127.0.0.1\n192.0.2.10", false, "newline inside"),
        new(" 127.0.0.1", false, "leading space"),
        new("192.0.2.10", false, "TEST-NET address"),
        new("127.1", false, "short form"),
        new("127.0.0.010", false, "leading zero"),
        new("127.0.0.1:2375", false, "a port"),
        new("user@127.0.0.1", false, "user info"),
        new("localhost.example", false, "a name that only starts like localhost"),
        new("LOCALHOST", false, "localhost in another spelling"),
    ];
}

/// <param name="Text">The value exactly as a variable or file would hold it.</param>
/// <param name="IsLocal">The one answer both guards must give.</param>
/// <param name="Why">What the row shows (the test's name).</param>
public sealed record EndpointCase(string Text, bool IsLocal, string Why)
{
    /// <summary>The text with its control characters visible, for messages.</summary>
    public string Shown => System.Text.Json.JsonSerializer.Serialize(Text);

    public override string ToString() => $"{(IsLocal ? "local" : "refused")}: {Why}";
}
