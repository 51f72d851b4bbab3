using System.Text.Json.Nodes;
using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests.Snapshot;

/// <summary>
/// The twin's layout read from a host snapshot: the names it reproduces (Postgres container, the old
/// stacks' compose projects, the seed count) and one line per fact it cannot reproduce here.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class HostLayoutTests
{
    [Test]
    public void AProductionLikeSnapshotGivesItsNamesAndSaysWhatIsNotReproduced()
    {
        var layout = HostLayout.FromSnapshot(Snapshot("mint-os-postgres", "120", artworkProject: "mint-artwork"), out var notReproduced);

        Assert.Multiple(() =>
        {
            Assert.That(layout.PostgresContainer, Is.EqualTo("mint-os-postgres"));
            Assert.That(layout.SeedRows, Is.EqualTo(120));
            Assert.That(layout.OldStacks, Is.EqualTo(new[] { new OldStackLayout("artwork-module", "mint-artwork"), new OldStackLayout("quote-page", "quote-page") }));
            Assert.That(notReproduced, Has.Some.Contains("engine 28.2.2").And.Some.Contains("ghcr.io/mint/artwork:0ce4de6").And.Some.Contains("/srv/data"), string.Join('\n', notReproduced));
            Assert.That(layout.SameAs(HostLayout.Default), Is.False);
        });
    }

    [Test]
    public void AnOldStackWhoseProjectIsNotItsFolderGetsAComposeName()
    {
        const string StandIn = "services:\n  files-api:\n    image: x\n";
        Assert.Multiple(() =>
        {
            Assert.That(new OldStackLayout("artwork-module", "mint-artwork").Compose(StandIn), Does.StartWith("name: mint-artwork\nservices:"));
            Assert.That(new OldStackLayout("artwork-module", "artwork-module").Compose(StandIn), Is.EqualTo(StandIn), "the stand-in's own layout leaves its file as it is");
        });
    }

    [Test]
    public void AnOldStacksContainerNamePortAndExtraKeysComeFromTheSnapshot()
    {
        var snapshot = Snapshot("mint-hw-postgres", "3");
        snapshot["old_stacks"]!["artwork-module"]!["services"] = new JsonObject
        {
            ["files-api"] = new JsonObject
            {
                ["container_name"] = "artwork-files-api",
                ["ports"] = new JsonArray("3501->3500"),
            },
        };
        snapshot["old_stacks"]!["artwork-module"]!["env_file_keys"] = new JsonArray([.. HostLayout.StandInEnvKeys("artwork-module").Append("SENTRY_DSN").Select(k => (JsonNode?)k)]);
        const string StandIn = "services:\n  files-api:\n    container_name: files-api\n    ports:\n      - \"3500:3500\"\n";

        var stack = HostLayout.FromSnapshot(snapshot, out _).OldStacks[0];

        Assert.Multiple(() =>
        {
            Assert.That(stack, Is.EqualTo(new OldStackLayout("artwork-module", "artwork-module", "artwork-files-api", "3501:3500", "SENTRY_DSN")));
            Assert.That(stack.Compose(StandIn), Is.EqualTo("services:\n  files-api:\n    container_name: artwork-files-api\n    ports:\n      - \"3501:3500\"\n"));
            Assert.That(stack.ExtraKeys(), Is.EqualTo(new[] { "SENTRY_DSN" }));
        });
    }

    [Test]
    public void AKeyTheStandInNeedsButTheHostLacksIsSaidAndKept()
    {
        var snapshot = Snapshot("mint-hw-postgres", "3");
        snapshot["old_stacks"]!["artwork-module"]!["services"] = new JsonObject { ["files-api"] = new JsonObject { ["container_name"] = "files-api" } };
        snapshot["old_stacks"]!["artwork-module"]!["env_file_keys"] = new JsonArray([.. HostLayout.StandInEnvKeys("artwork-module").Where(k => k != "API_KEY").Append("FILES_API_KEY").Select(k => (JsonNode?)k)]);

        var stack = HostLayout.FromSnapshot(snapshot, out var notReproduced).OldStacks[0];

        Assert.That(stack.ExtraKeys(), Is.EqualTo(new[] { "FILES_API_KEY" }));
        Assert.That(notReproduced, Has.Some.Contains("~/artwork-module: the stand-in module needs API_KEY in .env"), string.Join('\n', notReproduced));
    }

    [Test]
    public void TheStandInsOwnNamesGiveTheDefaultLayout()
    {
        var snapshot = Snapshot(HostLayout.Default.PostgresContainer, HostLayout.StandInSeedRows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        snapshot["old_stacks"]!["artwork-module"]!["services"] = new JsonObject
        {
            ["files-api"] = new JsonObject { ["container_name"] = "files-api", ["ports"] = new JsonArray("3500->3500") },
        };
        snapshot["old_stacks"]!["artwork-module"]!["env_file_keys"] = new JsonArray([.. HostLayout.StandInEnvKeys("artwork-module").Select(k => (JsonNode?)k)]);

        Assert.That(HostLayout.FromSnapshot(snapshot, out _).SameAs(HostLayout.Default), Is.True);
    }

    [TestCase("container_name", "files-api\nprivileged: true")]
    [TestCase("env_file_keys", "X=1\nAPI_KEY")]
    public void ANameThatCouldAddLinesIsRefused(string field, string value)
    {
        var snapshot = Snapshot("mint-hw-postgres", "3");
        if (field == "container_name")
        {
            snapshot["old_stacks"]!["artwork-module"]!["services"] = new JsonObject { ["files-api"] = new JsonObject { [field] = value } };
        }
        else
        {
            snapshot["old_stacks"]!["artwork-module"]![field] = new JsonArray(value);
        }

        Assert.That(() => HostLayout.FromSnapshot(snapshot, out _), Throws.TypeOf<FormatException>().With.Message.Contains("old_stacks.artwork-module"));
    }

    [Test]
    public void ASnapshotWithoutAnOldStackIsRefusedNamingIt()
    {
        var snapshot = Snapshot("mint-os-postgres", "3");
        snapshot["old_stacks"]!.AsObject().Remove("quote-page");

        Assert.That(() => HostLayout.FromSnapshot(snapshot, out _), Throws.TypeOf<FormatException>().With.Message.Contains("~/quote-page"));
    }

    private static JsonObject Snapshot(string postgres, string rows, string artworkProject = "artwork-module") => new()
    {
        ["engine"] = "28.2.2 (API 1.50)",
        ["compose"] = "2.39.1",
        ["containers"] = new JsonArray(
            new JsonObject { ["name"] = "files-api", ["image"] = "ghcr.io/mint/artwork:0ce4de6", ["mounts"] = new JsonArray("/srv/data") },
            new JsonObject { ["name"] = postgres, ["image"] = "postgres:16", ["mounts"] = new JsonArray() }),
        ["old_stacks"] = new JsonObject
        {
            ["artwork-module"] = new JsonObject { ["project"] = artworkProject },
            ["quote-page"] = new JsonObject { ["project"] = "quote-page" },
        },
        ["postgres"] = new JsonObject { ["container"] = postgres, ["server_version"] = "16.4", ["artwork_seeds_rows"] = rows },
    };
}
