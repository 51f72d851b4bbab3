using System.Text.Json.Nodes;
using Mint.Verification.Settings;
using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests.Snapshot;

/// <summary>
/// The twin's release: the stand-in release's compose with the snapshot's unified project name and
/// extra variables, each edit named; an equal snapshot leaves the release untouched.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class TwinReleaseTests
{
    private static string StandInCompose => File.ReadAllText(RepositoryRoot.Resolve("fixtures/modules/docker-compose.prod.yml"));

    [Test]
    public void TheSnapshotsProjectNameAndExtraVariableAreWrittenIntoTheCompose()
    {
        var edits = new List<string>();
        var variables = TwinRelease.VariablesUsed(StandInCompose).Append("FEATURE_FLAGS");

        var edited = TwinRelease.Edit(StandInCompose, Unified("mint-prod", variables), edits);

        Assert.Multiple(() =>
        {
            Assert.That(TwinRelease.ProjectOf(edited), Is.EqualTo("mint-prod"));
            Assert.That(edited, Does.Contain("    environment:\n      FEATURE_FLAGS: ${FEATURE_FLAGS}\n"));
            Assert.That(TwinRelease.VariablesUsed(edited), Does.Contain("FEATURE_FLAGS"));
            Assert.That(edits, Has.Count.EqualTo(2).And.Some.Contains("'mint-prod'").And.Some.Contains("FEATURE_FLAGS"), string.Join('\n', edits));
        });
    }

    [Test]
    public void ASnapshotOfTheStandInsOwnComposeChangesNothing()
    {
        var edits = new List<string>();

        var edited = TwinRelease.Edit(StandInCompose, Unified("mint-modules-prod", TwinRelease.VariablesUsed(StandInCompose)), edits);

        Assert.That(edited, Is.EqualTo(StandInCompose));
        Assert.That(edits, Is.Empty);
    }

    [Test]
    public void VariablesInCommentsAreNotUsedOnes()
    {
        Assert.That(TwinRelease.VariablesUsed("# every ${VAR} is a key\nservices:\n  a:\n    image: x:${TAG:?set}\n"), Is.EquivalentTo(new[] { "TAG" }));
    }

    private static JsonObject Unified(string project, IEnumerable<string> variables) => new()
    {
        ["project"] = project,
        ["variables_used"] = new JsonArray([.. variables.Select(v => (JsonNode?)v)]),
    };
}
