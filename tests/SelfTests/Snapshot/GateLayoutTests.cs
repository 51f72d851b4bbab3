using System.Text.Json.Nodes;
using Mint.Verification.Runbooks.Gate;

namespace Mint.Verification.SelfTests.Snapshot;

/// <summary>
/// The cutover's stale-gate check (step 0): the host's layout now against the Pre gate's snapshot,
/// engine-free. Each difference is named; times, health and what lies outside the cutover's scope are not.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class GateLayoutTests
{
    private const string Address = "docker-host@127.0.0.1:2222";
    private static readonly DateTimeOffset Now = new(2026, 2, 12, 22, 30, 0, TimeSpan.Zero);
    private static readonly GateScope Scope = new(
        new HashSet<string> { "files-api", "quote-page", "order-intake", "mint-os-postgres" },
        new HashSet<string> { "artwork-module", "quote-page", "mint-modules-prod" },
        new HashSet<string> { "storage-network", "mint-os-network" },
        new HashSet<string> { "3500", "3400", "3341" });

    [Test]
    public void TheSameHostLaterHasNoDifferenceWhateverItsTimesAndHealth()
    {
        var pre = Host();
        var now = Host();
        now["taken"] = "2026-02-12T22:29:00Z";
        now["containers"]![0]!["state"] = "starting";

        Assert.That(Differences(pre, now), Is.Empty);
    }

    [Test]
    public void ARecreatedContainerIsNamedWithItsImageAndThePreGatesTime()
    {
        var now = Host();
        now["containers"]![1]!["id"] = "ffffffffffff0000";
        now["containers"]![1]!["image_id"] = "sha256:99999999999999999999";

        Assert.That(Differences(Host(), now), Is.EqualTo(new[]
        {
            "quote-page: container recreated since the Pre gate at 21:04Z, image mint/quote-page:per-module (sha256:999999999999), id ffffffffffff; the Pre gate saw bbbbbbbbbbbb, image mint/quote-page:per-module (sha256:222222222222)",
        }));
    }

    [Test]
    public void ARemovedAndARecreatedNetworkAreNamed()
    {
        var now = Host();
        now["networks"] = new JsonArray(Network("mint-os-network", "n2-recreated"), Network("artwork-module_default", "n3"));

        Assert.That(Differences(Host(), now), Is.EqualTo(new[]
        {
            "network mint-os-network: recreated since the Pre gate at 21:04Z (id n2-recreated, the Pre gate saw n2)",
            "network storage-network: removed since the Pre gate at 21:04Z",
        }));
    }

    [Test]
    public void AContainerGoneNewOrMovedToAnotherProjectIsNamed()
    {
        var now = Host();
        now["containers"]!.AsArray().RemoveAt(1);
        now["containers"]![0]!["networks"] = new JsonArray("artwork-module_default");
        now["containers"]!.AsArray().Add(Container("squatter", "cccc", "debian", "sha256:3", project: null, "127.0.0.2:3400->3400/tcp"));

        Assert.That(Differences(Host(), now), Is.EqualTo(new[]
        {
            "files-api: networks changed since the Pre gate at 21:04Z: artwork-module_default storage-network then, artwork-module_default now",
            "quote-page: container gone since the Pre gate at 21:04Z (it was bbbbbbbbbbbb, image mint/quote-page:per-module, project quote-page)",
            "squatter: container new since the Pre gate at 21:04Z (cccc, image debian, project (none))",
        }));
    }

    [Test]
    public void AnOldStackWithItsOwnComposeNameIsNamedByItsProject()
    {
        var now = Host();
        now["old_stacks"]!["artwork-module"]!["project"] = "artwork";

        Assert.That(Differences(Host(), now), Is.EqualTo(new[]
        {
            "~/artwork-module: compose file or .env key names changed since the Pre gate at 21:04Z (project: artwork-module then, artwork now)",
        }));
    }

    [Test]
    public void ContainersAndNetworksOutsideTheCutoversScopeDoNotCount()
    {
        var now = Host();
        now["containers"]!.AsArray().Add(Container("another-teams-app", "dddd", "nginx", "sha256:4", project: "other", "0.0.0.0:8080->80/tcp"));
        now["networks"]!.AsArray().Add(Network("other_default", "n9"));

        Assert.That(Differences(Host(), now), Is.Empty);
    }

    [TestCase(null, "no Pre gate snapshot at")]
    [TestCase("other-host", "is of docker-host@198.51.100.7:22, not of docker-host@127.0.0.1:2222")]
    [TestCase("old", "not within the last 12 h")]
    [TestCase("cut-over", "has no old container files-api, quote-page: it was not taken before the cutover")]
    public void ASnapshotThatIsNotTonightsPreGateOfThisHostIsRefused(string? how, string refusal)
    {
        var snapshot = how is null ? null : Host();
        switch (how)
        {
            case "other-host":
                snapshot!["host"] = "docker-host@198.51.100.7:22";
                break;
            case "old":
                snapshot!["taken"] = "2026-02-12T10:29:00Z";
                break;
            case "cut-over":
                snapshot!["containers"] = new JsonArray(Container("mint-os-postgres", "eeee", "postgres:15", "sha256:5", project: null));
                break;
        }

        Assert.That(GateSnapshot.Refusal(snapshot, "/night/host-snapshot.json", Address, Now), Does.Contain(refusal));
    }

    [Test]
    public void TonightsSnapshotOfThisHostIsAccepted() =>
        Assert.That(GateSnapshot.Refusal(Host(), "/night/host-snapshot.json", Address, Now), Is.Null);

    private static IReadOnlyList<string> Differences(JsonObject pre, JsonObject now) =>
        GateLayout.Differences(GateLayout.From(pre, Scope), GateLayout.From(now, Scope), "21:04Z");

    /// <summary>The stand-in host before the cutover, as host-snapshot.json holds it.</summary>
    private static JsonObject Host() => new()
    {
        ["taken"] = "2026-02-12T21:04:10.123Z",
        ["host"] = Address,
        ["networks"] = new JsonArray(Network("storage-network", "n1"), Network("mint-os-network", "n2"), Network("artwork-module_default", "n3")),
        ["containers"] = new JsonArray(
            Container("files-api", "aaaaaaaaaaaa0000", "mint/artwork:per-module", "sha256:11111111111111111111", "artwork-module", "127.0.0.1:3500->3500/tcp", "storage-network", "artwork-module_default"),
            Container("quote-page", "bbbbbbbbbbbb0000", "mint/quote-page:per-module", "sha256:22222222222222222222", "quote-page", "127.0.0.1:3341->3341/tcp"),
            Container("mint-os-postgres", "eeee", "postgres:15", "sha256:5", null, null, "mint-os-network")),
        ["old_stacks"] = new JsonObject
        {
            ["artwork-module"] = new JsonObject { ["project"] = "artwork-module", ["env_file_keys"] = new JsonArray("API_KEY", "PORT") },
            ["quote-page"] = new JsonObject { ["project"] = "quote-page", ["env_file_keys"] = new JsonArray("PORT") },
        },
    };

    private static JsonObject Network(string name, string id) => new() { ["name"] = name, ["id"] = id, ["containers"] = new JsonArray() };

    private static JsonObject Container(string name, string id, string image, string imageId, string? project, string? port = null, params string[] networks) => new()
    {
        ["name"] = name,
        ["id"] = id,
        ["image"] = image,
        ["image_id"] = imageId,
        ["compose_project"] = project,
        ["config_files"] = project is null ? null : $"/home/docker-host/{project}/docker-compose.yml",
        ["state"] = "healthy",
        ["published_ports"] = new JsonArray([.. (port is null ? [] : new[] { port }).Select(p => (JsonNode?)p)]),
        ["networks"] = new JsonArray([.. networks.Select(n => (JsonNode?)n)]),
        ["env_keys"] = new JsonArray("PORT"),
    };
}
