using System.Text.Json.Nodes;
using Mint.Verification.Modules;
using Mint.Verification.Settings;
using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests.Snapshot;

/// <summary>
/// A twin snapshot's values are held to whitelists before anything is written: a value that carries
/// a newline and YAML (issue 17: `privileged: true` and a `/` mount reached Cutover-6) is refused,
/// naming the field and the rule, and the rehearsal's release copy is never made.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class TwinInputTests
{
    private const string Yaml = "\n    privileged: true\n    volumes:\n      - /:/host";

    private string scratch = string.Empty;

    [SetUp]
    public void MakeScratch() => scratch = Directory.CreateTempSubdirectory("mint-twin-input-").FullName;

    [TearDown]
    public void RemoveScratch() => Directory.Delete(scratch, recursive: true);

    [Test]
    public void ASnapshotWhoseProjectAndVariablesCarryYamlIsRefusedAndNothingIsWritten()
    {
        var release = Directory.CreateDirectory(Path.Combine(scratch, "release")).FullName;
        File.WriteAllText(Path.Combine(release, DeployLayout.ComposeFile), RehearsalInputs.ChangePackCompose);
        var snapshot = Path.Combine(scratch, "host-snapshot.json");
        File.WriteAllText(snapshot, new JsonObject
        {
            ["unified_compose"] = new JsonObject { ["project"] = "mint-prod" + Yaml, ["variables_used"] = new JsonArray("ARTWORK_TAG", "FEATURE_FLAGS" + Yaml) },
        }.ToJsonString());
        var copy = Path.Combine(scratch, "rehearsal-release");

        var refusal = Assert.Throws<SettingsException>(() => RehearsalRelease.Apply(RehearsalInputs.Rehearsal(release, snapshot), copy), "a snapshot carrying YAML in its names was accepted")!;

        Assert.Multiple(() =>
        {
            Assert.That(refusal.Problems, Has.Some.Contains("unified_compose.project").And.Some.Contains("compose project name"), string.Join('\n', refusal.Problems));
            Assert.That(refusal.Problems, Has.Some.Contains("unified_compose.variables_used[1]").And.Some.Contains("environment variable name"), string.Join('\n', refusal.Problems));
            Assert.That(refusal.Problems, Has.None.Contains("variables_used[0]"), "ARTWORK_TAG is a name and was refused");
            Assert.That(refusal.Problems, Has.All.Not.Contains("\n"), "the refusal itself carries the snapshot's newline");
            Assert.That(Directory.EnumerateFileSystemEntries(scratch).Select(Path.GetFileName), Is.EquivalentTo(new[] { "release", "host-snapshot.json" }), "something was written before the refusal");
        });
    }

    [TestCase("project", "artwork-module\n", "old_stacks.artwork-module.project")]
    [TestCase("project", "Mint Artwork", "old_stacks.artwork-module.project")]
    [TestCase("container_name", "files-api\n", "old_stacks.artwork-module.services.files-api.container_name")]
    [TestCase("ports", "3500->3500\n", "old_stacks.artwork-module.services.files-api.ports[0]")]
    [TestCase("ports", "70000->3500", "old_stacks.artwork-module.services.files-api.ports[0]")]
    [TestCase("env_file_keys", "SENTRY_DSN\n", "old_stacks.artwork-module.env_file_keys[1]")]
    [TestCase("postgres", "mint-os-postgres\n", "postgres.container")]
    public void AValueThatOnlyATrailingNewlineMakesIllegalIsRefusedNamingTheField(string field, string value, string path)
    {
        var snapshot = Snapshot();
        var artwork = snapshot["old_stacks"]!["artwork-module"]!.AsObject();
        switch (field)
        {
            case "container_name" or "ports":
                artwork["services"]!["files-api"]![field] = field == "ports" ? new JsonArray(value) : value;
                break;
            case "env_file_keys":
                artwork[field] = new JsonArray("API_KEY", value);
                break;
            case "postgres":
                snapshot["postgres"]!["container"] = value;
                break;
            default:
                artwork[field] = value;
                break;
        }

        Assert.That(() => HostLayout.FromSnapshot(snapshot, out _), Throws.TypeOf<FormatException>().With.Message.Contains(path + " is '"), $"{path} = {TwinInput.Shown(value)} was accepted");
    }

    [Test]
    public void TheSameSnapshotWithoutTheNewlinesIsAccepted()
    {
        Assert.That(TwinInput.Problems(Snapshot()), Is.Empty, "the rules refuse a clean snapshot, so the refusals above prove nothing");
    }

    [Test]
    public void AnOldStackTheTwinDoesNotRebuildIsRefused()
    {
        var snapshot = Snapshot();
        snapshot["old_stacks"]!["../../etc"] = new JsonObject { ["project"] = "etc" };

        Assert.That(TwinInput.Problems(snapshot), Has.Some.Contains("old_stacks.../../etc is not an old stack a twin rebuilds"));
    }

    [Test]
    public void PrintedSnapshotTextShowsControlCharactersInsteadOfBreakingTheLine()
    {
        Assert.That(TwinInput.Shown("engine 28\nPre-1 PASS"), Is.EqualTo("'engine 28\\u000aPre-1 PASS'"));
    }

    private static JsonObject Snapshot() => new()
    {
        ["old_stacks"] = new JsonObject
        {
            ["artwork-module"] = new JsonObject
            {
                ["project"] = "artwork-module",
                ["services"] = new JsonObject { ["files-api"] = new JsonObject { ["container_name"] = "files-api", ["ports"] = new JsonArray("3500->3500") } },
                ["env_file_keys"] = new JsonArray("API_KEY", "SENTRY_DSN"),
            },
            ["quote-page"] = new JsonObject { ["project"] = "quote-page" },
        },
        ["postgres"] = new JsonObject { ["container"] = "mint-os-postgres", ["artwork_seeds_rows"] = "120" },
        ["unified_compose"] = new JsonObject { ["project"] = "mint-modules-prod", ["variables_used"] = new JsonArray("ARTWORK_TAG") },
    };
}
