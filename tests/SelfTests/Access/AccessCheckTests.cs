using Mint.Verification.Checks.Access;
using Mint.Verification.Http;
using Mint.Verification.SelfTests.BadInput;
using Mint.Verification.Targets;

namespace Mint.Verification.SelfTests.Access;

/// <summary>
/// The Access row (the change pack's "accessible via LAN and Tailscale") against stand-in modules on
/// loopback: it passes only when every module's health is ok at both addresses, and each failure
/// names the address, the setting it came from and what came back.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class AccessCheckTests
{
    private const string Healthy = """{"status":"ok","db":"ok","minio":"ok","artwork_api":"ok","files_api":"ok"}""";
    private static readonly ModuleHttp Http = new(TimeSpan.FromSeconds(2));

    [Test]
    public async Task EveryModuleHealthyAtBothAddressesPasses()
    {
        await using var lan = new StandInModules();
        await using var tailscale = new StandInModules();

        var result = await AccessCheck.RunAsync(AccessCheck.Row, Lan(lan.Endpoints), Tailscale(tailscale.Endpoints), Http);

        Assert.Multiple(() =>
        {
            Assert.That(result.Passed, Is.True, result.Describe());
            Assert.That(result.Observations, Has.Some.EqualTo("files-api, order-intake, quote-page healthy via LAN at 127.0.0.1 (Host) and via Tailscale at 127.0.0.1 (TailscaleHost)"));
            Assert.That(lan.Answered + tailscale.Answered, Is.EqualTo(6), "one health request per module and address");
        });
    }

    [Test]
    public async Task AModuleUnreachableViaTailscaleFailsNamingTheAddressAndTheSetting()
    {
        await using var lan = new StandInModules();
        await using var tailscale = new StandInModules();
        var nowhere = StubHttpServer.NothingListening();

        var result = await AccessCheck.RunAsync(AccessCheck.Row, Lan(lan.Endpoints), Tailscale(tailscale.Endpoints with { QuotePage = nowhere }), Http);

        Assert.Multiple(() =>
        {
            Assert.That(result.Passed, Is.False);
            Assert.That(result.Problems, Has.Exactly(1).StartsWith("via Tailscale at 127.0.0.1 (TailscaleHost): ").And.Contains($"{nowhere}health"));
        });
    }

    [Test]
    public async Task ADegradedModuleOnTheLanFailsNamingItsField()
    {
        await using var lan = new StandInModules();
        await using var degraded = StubHttpServer.Answering(503, "application/json", """{"status":"degraded","db":"error","minio":"ok"}""");
        await using var tailscale = new StandInModules();

        var result = await AccessCheck.RunAsync(AccessCheck.Row, Lan(lan.Endpoints with { FilesApi = degraded.BaseAddress }), Tailscale(tailscale.Endpoints), Http);

        Assert.That(result.Problems, Has.Some.StartsWith("via LAN at 127.0.0.1 (Host): ").And.Contains("health field 'db' is \"error\""));
    }

    [Test]
    public async Task WithoutTailscaleHostTheClaimIsHalfCheckedAndFailsNamingTheSetting()
    {
        await using var lan = new StandInModules();
        var target = new TargetUnderTest("stand-in docker-host", lan.Endpoints, null, null);

        var result = await AccessCheck.RunAsync(AccessCheck.Row, target, Http);

        Assert.Multiple(() =>
        {
            Assert.That(result.Problems, Has.Exactly(1).StartsWith("TailscaleHost is not set").And.Contains("tailscale ip -4"));
            Assert.That(lan.Answered, Is.EqualTo(3), "the LAN half is still asked, for the evidence");
        });
    }

    private static HostAddress Lan(ModuleEndpoints endpoints) => new("LAN", "Host", endpoints);

    private static HostAddress Tailscale(ModuleEndpoints endpoints) => new("Tailscale", "TailscaleHost", endpoints);

    /// <summary>Three healthy stand-in modules, one listener each.</summary>
    private sealed class StandInModules : IAsyncDisposable
    {
        private readonly StubHttpServer[] modules = [.. Enumerable.Range(0, 3).Select(_ => StubHttpServer.Answering(200, "application/json", Healthy))];

        public ModuleEndpoints Endpoints => new(modules[0].BaseAddress, modules[1].BaseAddress, modules[2].BaseAddress);

        public int Answered => modules.Sum(m => m.Answered);

        public async ValueTask DisposeAsync()
        {
            foreach (var module in modules)
            {
                await module.DisposeAsync();
            }
        }
    }
}
