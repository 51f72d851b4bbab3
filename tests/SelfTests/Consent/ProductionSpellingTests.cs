using Mint.Verification.Commands;
using Mint.Verification.Settings;
using Mint.Verification.SelfTests.Isolation;

namespace Mint.Verification.SelfTests.Consent;

/// <summary>
/// Issue 17's acceptance, run for real: every way of handing `dotnet test` the production settings,
/// in a shell marked MINT_REHEARSAL_ONLY=1 as ./verify.sh marks its own, ends in the settings stop
/// block naming the variable; a misspelt MINT_DRYRUN is refused naming MINT_DRY_RUN. Each child
/// runs in a network namespace with only loopback up and a docker socket that does not exist, so
/// even a missing guard could reach neither production nor this machine's engine.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
[Description("Issue 17 items 3 and 5: production only on purpose, unknown variables")]
// Beside the other waiting fixtures (the Unit tier idles otherwise: its tests wait on child processes); its own tests one at a time.
[Parallelizable(ParallelScope.Self)]
public sealed class ProductionSpellingTests
{
    private const string RehearsalOnlyRefusal = "Target: production is refused because MINT_REHEARSAL_ONLY is set";

    [OneTimeSetUp]
    public Task NetworkNamespaceIsAvailable() => IsolatedScript.RequireNetworkNamespaceAsync();

    [TestCase("--settings", "{0}")]
    [TestCase("-s", "{0}")]
    [TestCase("--settings:{0}")]
    [TestCase("-s:{0}")]
    [TestCase("-p:RunSettingsFilePath={0}")]
    [TestCase("@{1}")]
    [TestCase("--", "TestRunParameters.Parameter(name=\"Target\", value=\"production\")")]
    public Task EverySpellingOfProductionIsRefusedNamingTheMark(params string[] spelling) =>
        ExpectStopAsync(spelling, new Dictionary<string, string?>(), RehearsalOnlyRefusal);

    [Test]
    public Task AMisspeltDryRunIsRefusedNamingTheKnownOne() =>
        ExpectStopAsync(["--settings", "{0}"], new Dictionary<string, string?> { ["MINT_DRYRUN"] = "true" }, "unknown variable MINT_DRYRUN; did you mean MINT_DRY_RUN?");

    private static async Task ExpectStopAsync(string[] spelling, Dictionary<string, string?> variables, string expected)
    {
        var scratch = Directory.CreateTempSubdirectory("mint-production-spelling-").FullName;
        try
        {
            var responseFile = await ConsentSettings.WriteProductionResponseFileAsync(scratch);
            var arguments = spelling.Select(part => string.Format(System.Globalization.CultureInfo.InvariantCulture, part, ConsentSettings.ProductionFile, responseFile));
            variables[OperatorVariables.RehearsalOnly] = "1";
            variables["MINT_ALLURE_RESULTS"] = Path.Combine(scratch, "results");
            variables["DOCKER_HOST"] = "unix:///nonexistent/mint-production-spelling.sock";
            variables["DOCKER_CONTEXT"] = null;

            var run = await new ProcessRunner(TimeSpan.FromMinutes(2)).RunAsync(
                "unshare",
                ["-n", "sh", "-c", "ip link set lo up && exec \"$@\"", "sh", "dotnet", "test", "tests/PreCutover", "--no-build", "-v", "q", "--filter", "Category=Pre", .. arguments],
                RepositoryRoot.Path,
                variables);

            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.Not.Null.And.Not.EqualTo(0), $"a refused start fails the run: {run.Transcript()}");
                Assert.That(run.Stdout, Does.Contain("STOPPED at settings").And.Contain(expected), $"the settings stop block must say: {expected}\n{run.Transcript()}");
            });
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
