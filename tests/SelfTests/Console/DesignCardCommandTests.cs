using System.Text.RegularExpressions;
using Mint.Verification.Checks.Readiness;
using Mint.Verification.Checks.Rows;
using Mint.Verification.Checks.Soak;
using Mint.Verification.Commands;
using Mint.Verification.SelfTests.Isolation;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Console;

/// <summary>
/// The design card's own command, `dotnet test --filter Category=&lt;Stage&gt;` from the repository
/// root, reads as well as README's quiet per-project stage commands: only the projects holding the
/// category run (tests/Directory.Build.targets), the build is quiet (Directory.Build.rsp), and a
/// refused start is the stop block and one NOT RUN line per row, never a stack trace.
/// </summary>
[TestFixture]
[Category("SelfTest")]
public sealed partial class DesignCardCommandTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    /// <summary>
    /// The most lines the root Pre command may print on a passing rehearsal (issue 22): the banner,
    /// the summary's frame and dotnet's own lines (15), then two per row (its live line and its
    /// summary line), so a new row (the soak's Baseline) adds its two and nothing else may.
    /// </summary>
    private static int PreLineBudget => 15 + (2 * PreStageRows.Count);

    /// <summary>Pre's rows: the change pack's, the readiness gate's, the host snapshot and the soak's baseline.</summary>
    private static IReadOnlyList<string> PreStageRows =>
        [.. PreRows.All.Select(row => row.Id), .. ReadinessRows.All.Select(row => row.Id), "Snapshot", BaselineSampling.Row];

    [Test]
    [Category("Unit")]
    public void EachTestProjectDeclaresExactlyTheCategoriesItsTestsCarry()
    {
        foreach (var project in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "tests"), "*.csproj", SearchOption.AllDirectories))
        {
            var declared = DeclaredCategories().Match(File.ReadAllText(project)) is { Success: true } match
                ? match.Groups[1].Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
                : [];
            var folder = Path.GetDirectoryName(project)!;
            var carried = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !IsBuildOutput(folder, f))
                .SelectMany(f => CategoryAttribute().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
                .ToHashSet(StringComparer.Ordinal);
            Assert.That(declared, Is.EquivalentTo(carried),
                $"{Path.GetFileName(project)}: MatrixCategories must list exactly the [Category] values of its tests; a missing one would make `dotnet test --filter Category=X` from the root skip the project, an extra one would print \"No test matches\"");
        }
    }

    /// <summary>Refused at settings, before any connection: it needs no world, so it runs in `./verify.sh test`'s second lane, off the host world's critical path.</summary>
    [Test]
    [Category("NoHostWorld")]
    public async Task ProductionRefusalFromTheRootIsTheStopBlockAndOneLinePerRow()
    {
        await IsolatedScript.RequireNetworkNamespaceAsync();
        var results = Directory.CreateTempSubdirectory("mint-design-card-refusal-").FullName;
        try
        {
            // Production settings without the pinned host key: refused at settings, before any connection.
            var command = "dotnet test --settings runsettings/production.runsettings --filter Category=Cutover";
            var run = await new ProcessRunner(Bound).RunAsync(
                "unshare", ["-n", "sh", "-c", $"ip link set lo up && exec {command}"], RepositoryRoot.Path,
                new Dictionary<string, string?>
                {
                    [OperatorVariables.HostKey] = null,
                    [OperatorVariables.DryRun] = null,
                    ["MINT_REHEARSAL_ONLY"] = null,
                    ["MINT_ALLURE_RESULTS"] = results,
                });
            var console = run.Stdout + run.Stderr;
            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.Not.Zero, "a refused start fails the command\n" + run.Transcript());
                Assert.That(console, Does.Not.Contain("Stack Trace"), "a refusal is not a crash: no stack trace\n" + console);
                Assert.That(console, Does.Not.Contain("No test matches"), "only the project holding Cutover runs\n" + console);
                Assert.That(Regex.Count(console, "STOPPED at settings"), Is.EqualTo(1), "the stop block once\n" + console);
                Assert.That(console, Does.Contain(OperatorVariables.HostKey), "the stop block names the missing setting\n" + console);
                foreach (var row in Enumerable.Range(1, 9).Select(n => $"Cutover-{n}").Append("Downtime"))
                {
                    Assert.That(console.Split('\n').Count(l => l.TrimStart().StartsWith(row + " ", StringComparison.Ordinal) && l.Contains("NOT RUN", StringComparison.Ordinal)), Is.EqualTo(2),
                        $"{row}: one NOT RUN line as it is reached and one in the summary\n" + console);
                }
            });
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }

    [Test]
    [NonParallelizable]
    public async Task PreFromTheRootNamesEveryRowWithinTheLineBudget()
    {
        // The rehearsal's host world, as the drill finds it: the Pre gate passes on it.
        await MatrixRun.Current.HostWorldAsync();
        var results = Directory.CreateTempSubdirectory("mint-design-card-pre-").FullName;
        try
        {
            var run = await new ProcessRunner(Bound).RunAsync(
                "dotnet", ["test", "--filter", "Category=Pre"], RepositoryRoot.Path,
                new Dictionary<string, string?> { ["MINT_ALLURE_RESULTS"] = results });
            var console = run.Stdout + run.Stderr;
            var lines = console.TrimEnd('\n').Split('\n');
            Assert.Multiple(() =>
            {
                Assert.That(run.Succeeded, Is.True, "the Pre gate passes on the rehearsal\n" + run.Transcript());
                Assert.That(console, Does.Not.Contain("No test matches"), "only PreCutover runs\n" + console);
                Assert.That(console, Does.Not.Contain("Stack Trace"), console);
                Assert.That(lines, Has.Length.LessThanOrEqualTo(PreLineBudget), $"the design card's command prints at most {PreLineBudget} lines\n" + console);
                foreach (var row in PreStageRows)
                {
                    Assert.That(lines.Any(l => l.TrimStart().StartsWith(row + " ", StringComparison.Ordinal) && l.Contains("PASS", StringComparison.Ordinal)), Is.True, $"{row} is named with its verdict\n" + console);
                }
            });
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }

    private static bool IsBuildOutput(string projectFolder, string file)
    {
        var relative = Path.GetRelativePath(projectFolder, file).Replace('\\', '/');
        return relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<MatrixCategories>([^<]*)</MatrixCategories>")]
    private static partial Regex DeclaredCategories();

    [GeneratedRegex(@"\bCategory\(""([^""]+)""\)")]
    private static partial Regex CategoryAttribute();
}
