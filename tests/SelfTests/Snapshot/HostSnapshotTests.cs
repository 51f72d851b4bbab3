using System.Text.Json.Nodes;
using Mint.Verification.Checks.Readiness;
using Mint.Verification.Checks.Snapshot;
using Mint.Verification.Modules;
using Mint.Verification.Redaction;
using Mint.Verification.Remote;

namespace Mint.Verification.SelfTests.Snapshot;

/// <summary>
/// The host snapshot records the layout by name and never a value: taken from the host world, whose
/// every generated secret carries the run's planted secret under ./verify.sh test.
/// </summary>
[TestFixture]
[Category("SelfTest")]
public sealed class HostSnapshotTests
{
    [Test]
    public async Task TheSnapshotHoldsTheLayoutAndNoValue()
    {
        var target = await MatrixRun.Current.RehearsalHostTargetAsync();
        using var host = await SshDockerHost.ConnectAsync(target.Ssh!);
        var directory = Directory.CreateTempSubdirectory("mint-snapshot-").FullName;
        try
        {
            var result = await HostSnapshot.TakeAsync(new ReadinessContext(MatrixRun.Current.Settings, host, target), directory);
            Assert.That(result.Problems, Is.Empty, result.Describe());

            var text = await File.ReadAllTextAsync(Path.Combine(directory, HostSnapshot.FileName));
            var snapshot = JsonNode.Parse(text)!.AsObject();
            var filesApi = snapshot["containers"]!.AsArray().Single(c => (string?)c!["name"] == "files-api")!;
            var environment = await host.RunAsync("docker inspect --format '{{range .Config.Env}}{{println .}}{{end}}' files-api");
            var values = environment.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2))
                .Where(p => p.Length == 2 && p[1].Length >= 6 && SecretSources.IsSecretKey(p[0])).Select(p => p[1]).ToList();

            Assert.Multiple(() =>
            {
                Assert.That(filesApi["env_keys"]!.AsArray().Select(k => (string?)k), Does.Contain("DATABASE_URL").And.Contain("API_KEY"), text);
                Assert.That((string?)filesApi["compose_project"], Is.EqualTo("artwork-module"));
                Assert.That((string?)snapshot["unified_compose"]!["project"], Is.EqualTo(DeployLayout.UnifiedProject));
                Assert.That(snapshot["unified_compose"]!["variables_used"]!.AsArray().Select(v => (string?)v), Does.Contain("ORDER_INTAKE_API_KEY"));
                Assert.That((string?)snapshot["old_stacks"]!["quote-page"]!["project"], Is.EqualTo("quote-page"));
                Assert.That(snapshot["old_stacks"]!["artwork-module"]!["env_file_keys"]!.AsArray().Select(k => (string?)k), Is.EqualTo(Worlds.HostLayout.StandInEnvKeys("artwork-module")), "the .env's key names, sorted, and nothing else");
                Assert.That(snapshot["postgres"]!["artwork_seeds_columns"]!.AsArray(), Is.Not.Empty);
                // Round trip of the twin's layout: this world's snapshot reads back as the layout it
                // was built with (the seed count aside: Post rows add seeds to a world in use).
                var layout = Worlds.HostLayout.FromSnapshot(snapshot, out _);
                Assert.That(layout with { SeedRows = Worlds.HostLayout.Default.SeedRows }, Is.EqualTo(Worlds.HostLayout.Default).Using<Worlds.HostLayout>((a, b) => a.SameAs(b)), layout.Describe());
                Assert.That(values, Is.Not.Empty, "files-api's environment must have secret values to prove their absence");
                Assert.That(values.Where(v => text.Contains(v, StringComparison.Ordinal)), Is.Empty, "no secret environment value may be in the snapshot");
                if (Environment.GetEnvironmentVariable("MINT_PLANTED_SECRET") is { Length: > 0 } planted)
                {
                    Assert.That(text, Does.Not.Contain(planted), "the planted secret is in every generated secret of the world; it must not be in the snapshot");
                }
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
