using System.Text.RegularExpressions;
using Mint.Verification.Commands;
using Mint.Verification.Settings;
using static Mint.Verification.SelfTests.Consent.ConsentSettings;

namespace Mint.Verification.SelfTests.Consent;

/// <summary>
/// Issue 17 item 5: a misspelt MINT_* variable is refused before anything runs, naming the closest
/// known one (MINT_DRYRUN=true would otherwise leave a "dry run" live). The known list must hold
/// every MINT_* name the repository's files use, so a new variable cannot be forgotten there.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
[Description("Issue 17 item 5: unknown MINT_* variables")]
public sealed partial class UnknownVariableTests
{
    [Test]
    public void AMisspeltDryRunIsRefusedNamingTheKnownOne()
    {
        var variables = new Dictionary<string, string> { ["MINT_DRYRUN"] = "true" };

        var problems = Problems(() => Production(variables), "production.runsettings with MINT_DRYRUN=true");

        Assert.That(problems, Has.One.StartsWith("unknown variable MINT_DRYRUN; did you mean MINT_DRY_RUN?"), "the issue's acceptance: the typo is refused, naming the variable meant");
    }

    [TestCase("MINT_DRYRUN", "MINT_DRY_RUN")]
    [TestCase("mint_dry_run", "MINT_DRY_RUN")]
    [TestCase("MINT_OPERATER", "MINT_OPERATOR")]
    [TestCase("MINT_CONFIRM_CUTOVER", "MINT_CONFIRM")]
    [TestCase("MINT_SSH_HOST_KEY", "MINT_SSH_HOST_KEY_SHA256")]
    [TestCase("MINT_REHEARSAL", "MINT_REHEARSAL_ONLY")]
    [TestCase("MINT_TWIN_SNAPHOT", "MINT_TWIN_SNAPSHOT")]
    [TestCase("MINT_DOCKER_HOST_SSH_KEYS", "MINT_DOCKER_HOST_SSH_KEY")]
    public void TheClosestKnownNameIsSuggested(string typed, string meant) =>
        Assert.That(KnownVariables.Closest(typed), Is.EqualTo(meant), $"{typed} is a misspelling of {meant}");

    [TestCase("MINT_DRY_RUN", "MINT_DRY_RUN", 0)]
    [TestCase("MINT_DRYRUN", "MINT_DRY_RUN", 1)]
    [TestCase("MINT_DRY_RNU", "MINT_DRY_RUN", 2)]
    [TestCase("", "MINT_FAULT", 10)]
    [TestCase("kitten", "sitting", 3)]
    public void EditDistanceCountsSingleCharacterEdits(string from, string to, int distance) =>
        Assert.That(KnownVariables.EditDistance(from, to), Is.EqualTo(distance), $"Levenshtein distance of '{from}' and '{to}'");

    [Test]
    public void AValueIsNeverShown()
    {
        var variables = new Dictionary<string, string> { ["MINT_FILES_API_KEY"] = "planted-unknown-value-0192" };

        var problems = Problems(() => Production(variables), "an unknown MINT_* variable");

        Assert.That(string.Join('\n', problems), Does.Contain("MINT_FILES_API_KEY").And.Not.Contain("planted-unknown-value-0192"), "names only: an unknown variable may hold a secret");
    }

    [Test]
    public void EveryKnownNameIsAccepted() =>
        Assert.That(KnownVariables.Problems(KnownVariables.All, []), Is.Empty, "a known variable is never refused");

    [Test]
    public void AVariableTheSettingsNameIsKnown()
    {
        var variables = new Dictionary<string, string> { ["MINT_FILES_KEY"] = "from-env" };

        var settings = Rehearsal(variables, ("FilesApiKeyVariable", "MINT_FILES_KEY"));

        Assert.That(settings.Secrets.FilesApiKey, Is.EqualTo("from-env"), "a secret variable the runsettings name is read, not refused as unknown");
    }

    [Test]
    public async Task EveryMintVariableTheRepositoryUsesIsKnown()
    {
        var files = await new ProcessRunner(TimeSpan.FromSeconds(30)).RunAsync("git", ["ls-files", "-z"], RepositoryRoot.Path);
        Assert.That(files.Succeeded, Is.True, $"git ls-files must list the repository's files: {files.Outcome} {files.Tail()}");
        // Code, scripts, images and settings: the documentation quotes typos on purpose (README's
        // MINT_DRYRUN), and so do this folder's tests.
        var ownTypos = Path.Combine("tests", "SelfTests", "Consent") + Path.DirectorySeparatorChar;

        var used = files.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(file => !file.StartsWith(ownTypos, StringComparison.Ordinal) && !file.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            .Select(file => Path.Combine(RepositoryRoot.Path, file))
            .Where(File.Exists)
            .SelectMany(file => MintName().Matches(File.ReadAllText(file)).Select(match => match.Value))
            .ToHashSet(StringComparer.Ordinal);
        used.Remove(RunbookConsent.RetiredVariable);

        Assert.That(used, Is.Not.Empty, "the scan must find the project's own variables (MINT_DRY_RUN at least)");
        Assert.That(used.Except(KnownVariables.All).Order(StringComparer.Ordinal), Is.Empty, "every MINT_* variable a file uses must be in KnownVariables.All, or a run with it set is refused as unknown");
    }

    [GeneratedRegex("MINT_[A-Z0-9_]*[A-Z0-9]")]
    private static partial Regex MintName();
}
