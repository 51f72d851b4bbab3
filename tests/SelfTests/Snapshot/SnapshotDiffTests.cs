using System.Text.Json.Nodes;
using Mint.Verification.Bundle;

namespace Mint.Verification.SelfTests.Snapshot;

/// <summary>The operator's diff of two host snapshots names each divergence in one line.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class SnapshotDiffTests
{
    [Test]
    public void DivergencesAreNamedOneLineEach()
    {
        var production = Snapshot("mint-os-postgres", "mint-modules", ["DATABASE_URL", "API_KEY", "SENTRY_DSN"]);
        var rehearsal = Snapshot("mint-hw-postgres", "mint-modules-prod", ["DATABASE_URL", "API_KEY"]);

        var lines = SnapshotDiff.Compare(production, rehearsal, "production", "rehearsal");

        Assert.That(lines, Is.EquivalentTo(new[]
        {
            "container name differs: mint-os-postgres (production) vs mint-hw-postgres (rehearsal)",
            "files-api: env key only in production: SENTRY_DSN",
            "unified compose: project name differs: mint-modules (production) vs mint-modules-prod (rehearsal)",
        }));
    }

    [Test]
    public void TheSameLayoutHasNoDifference()
    {
        var snapshot = Snapshot("mint-os-postgres", "mint-modules-prod", ["API_KEY"]);

        Assert.That(SnapshotDiff.Compare(snapshot, JsonNode.Parse(snapshot.ToJsonString())!.AsObject(), "a", "b"), Is.Empty);
    }

    [Test]
    public void PortsAreComparedByTheirContainerSideAndInComposeAsWritten()
    {
        var production = Snapshot("mint-os-postgres", "mint-modules-prod", ["API_KEY"]);
        var rehearsal = JsonNode.Parse(production.ToJsonString())!.AsObject();
        production["containers"]![1]!["published_ports"] = new JsonArray("0.0.0.0:3500->3500/tcp");
        rehearsal["containers"]![1]!["published_ports"] = new JsonArray("127.0.0.1:3500->3501/tcp");
        production["containers"]![0]!["published_ports"] = new JsonArray("127.0.0.1:5432->5432/tcp");
        rehearsal["containers"]![0]!["published_ports"] = new JsonArray("127.0.0.1:32768->5432/tcp");
        production["old_stacks"] = new JsonObject { ["quote-page"] = new JsonObject { ["services"] = new JsonObject { ["quote-page"] = new JsonObject { ["ports"] = new JsonArray("3341->3341") } } } };
        rehearsal["old_stacks"] = new JsonObject { ["quote-page"] = new JsonObject { ["services"] = new JsonObject { ["quote-page"] = new JsonObject { ["ports"] = new JsonArray("3340->3341") } } } };

        Assert.That(SnapshotDiff.Compare(production, rehearsal, "production", "rehearsal"), Is.EquivalentTo(new[]
        {
            "files-api: published container port only in production: 3500/tcp",
            "files-api: published container port only in rehearsal: 3501/tcp",
            "old stack ~/quote-page: service quote-page port only in production: 3341->3341",
            "old stack ~/quote-page: service quote-page port only in rehearsal: 3340->3341",
        }));
    }

    private static JsonObject Snapshot(string postgres, string unifiedProject, string[] filesApiKeys) => new()
    {
        ["engine"] = "28.2.2",
        ["containers"] = new JsonArray(
            new JsonObject { ["name"] = postgres, ["image"] = "postgres:15" },
            new JsonObject { ["name"] = "files-api", ["image"] = "mint-modules/artwork:per-module", ["env_keys"] = new JsonArray([.. filesApiKeys.Select(k => (JsonNode?)k)]) }),
        ["unified_compose"] = new JsonObject { ["project"] = unifiedProject, ["variables_used"] = new JsonArray("ARTWORK_TAG") },
    };
}
