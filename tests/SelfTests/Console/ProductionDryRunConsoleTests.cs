using Mint.Verification.Commands;
using Mint.Verification.SelfTests.Isolation;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Console;

/// <summary>
/// Issue 12's acceptance, run for real: README's production DryRun command, in a network namespace
/// with only loopback up (no packet can leave this machine), shows the plan on the console at
/// default verbosity: the docker compose commands of steps 4-6, in step order, and no pass.
/// </summary>
[TestFixture]
[Category("SelfTest")]
// Needs no host world: ./verify.sh test runs it in the second lane, beside the host world's tests.
[Category("NoHostWorld")]
public sealed class ProductionDryRunConsoleTests
{
    [Test]
    public async Task ReadmesDryRunCommandShowsTheComposeCommandsOfSteps4To6()
    {
        await IsolatedScript.RequireNetworkNamespaceAsync();
        var results = Directory.CreateTempSubdirectory("mint-dryrun-console-").FullName;
        try
        {
            // README's command, with --no-build: this test's own build is the one under test. It is
            // production on purpose (a DryRun in a namespace with only loopback up), so the
            // rehearsal-only mark ./verify.sh exports is removed from this one child; confirmations
            // left in the shell are removed too, so the DryRun alone keeps it a plan.
            var command = "dotnet test tests/Runbooks -v q --no-build --settings runsettings/production.runsettings --filter Category=Cutover";
            var run = await new ProcessRunner(TimeSpan.FromMinutes(2)).RunAsync(
                "unshare", ["-n", "sh", "-c", $"ip link set lo up && exec {command}"], RepositoryRoot.Path,
                new Dictionary<string, string?>
                {
                    [OperatorVariables.DryRun] = "true", ["MINT_ALLURE_RESULTS"] = results, [OperatorVariables.Confirm] = null, [RunbookConsent.RetiredVariable] = null,
                    [OperatorVariables.RehearsalOnly] = null,
                });
            var console = run.Stdout;

            Assert.That(console, Does.Contain("PRODUCTION  192.168.1.200").And.Contain("DRY RUN"), "the banner names the target and the mode\n" + run.Transcript());
            var canary = console.IndexOf("run -d --no-deps -l org.mint.canary=mint-canary-<nonce>", StringComparison.Ordinal);
            var stop4 = console.IndexOf("cd ~/artwork-module && docker compose down", StringComparison.Ordinal);
            var stop5 = console.IndexOf("cd ~/quote-page && docker compose down", StringComparison.Ordinal);
            var deploy6 = console.IndexOf("docker compose -f docker-compose.prod.yml --env-file .env.prod up -d --no-build --pull never", StringComparison.Ordinal);
            Assert.That(new[] { stop4, stop5, deploy6 }, Is.All.GreaterThan(0), "steps 4, 5 and 6's compose commands are on the console\n" + console);
            Assert.That(new[] { canary, stop4, stop5, deploy6 }, Is.Ordered.And.All.GreaterThan(0), "in step order, the canary (Cutover-3b) before step 4\n" + console);
            Assert.That(console, Does.Contain("11 PLANNED").And.Not.Contain(" PASS "), "a plan is never a pass\n" + console);
            Assert.That(console, Does.Contain("FILES_API_KEY=***"), "secrets masked in the plan\n" + console);
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }
}
