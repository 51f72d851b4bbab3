using FluentAssertions;
using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests;

/// <summary>
/// Production is guarded and planned, never contacted from here: these tests read the production
/// runsettings and exercise the guard and the plan as pure functions of the settings.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class ProductionGuardTests
{
    private const string ChangeId = "LOOP-MINT-PROD-CUTOVER-EXECUTION-20260212";

    [Test]
    public void CutoverWithoutConfirmationIsRefusedNamingTheParameter()
    {
        var settings = Production(("SshHostKeySha256", "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"));

        RunbookRuns.Refusal(settings, "Cutover").Should().Contain("MINT_CONFIRM=cutover:" + ChangeId).And.Contain("nothing was touched");
    }

    [Test]
    public void ConfirmedCutoverIsNotRefused()
    {
        var settings = Production(("SshHostKeySha256", "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"), ("Confirm", "cutover:" + ChangeId));

        RunbookRuns.Refusal(settings, "Cutover").Should().BeNull();
    }

    [Test]
    public void DryRunNeedsNoHostKeyAndPlansEveryStep()
    {
        var settings = Production(("DryRun", "true"));

        var plan = CutoverRunbook.Plan(settings);

        RunbookRuns.Refusal(settings, "Cutover").Should().BeNull("a plan touches nothing");
        plan.Steps.Select(s => s.Id).Should().Equal(Enumerable.Range(1, 9).SelectMany(n => n == 3 ? new[] { "Cutover-3", "Cutover-3b" } : [$"Cutover-{n}"]));
        plan.Steps.Should().OnlyContain(s => s.Status == StepStatus.Planned && s.PlannedCommands.Count > 0);
        string.Join('\n', plan.Steps.SelectMany(s => s.PlannedCommands)).Should()
            .Contain("docker compose -f docker-compose.prod.yml --env-file .env.prod up -d --no-build --pull never")
            .And.Contain("ALTER TABLE artwork_seeds ADD COLUMN IF NOT EXISTS metadata jsonb DEFAULT NULL")
            .And.Contain("192.168.1.200");
    }

    [Test]
    public void RollbackPlanBacksUpBeforeDropping()
    {
        var plan = RollbackRunbook.Plan(Production(("DryRun", "true")));

        var database = string.Join('\n', plan.Step("Rollback-4").PlannedCommands);
        database.IndexOf("CREATE TABLE artwork_seeds_metadata_backup_", StringComparison.Ordinal).Should()
            .BeLessThan(database.IndexOf("DROP COLUMN metadata", StringComparison.Ordinal)).And.BeGreaterThan(0);
    }

    [Test]
    public void RollbackRestartsTheOldStacksWithoutBuildOrPull()
    {
        var plan = RollbackRunbook.Plan(Production(("DryRun", "true")));

        foreach (var (id, directory) in new[] { ("Rollback-1", "artwork-module"), ("Rollback-2", "quote-page") })
        {
            var commands = string.Join('\n', plan.Step(id).PlannedCommands);
            commands.Should().Contain($"cd ~/{directory} && docker compose up -d --no-build --pull never",
                $"{id} must never build or pull an image while the modules are down");
            commands.Should().NotContain(" down", $"{id} removes only the unified container in its way, never the whole unified project");
        }
    }

    [Test]
    public void PlanShowsNoSecretValues()
    {
        var environment = new Dictionary<string, string> { ["FILES_API_KEY"] = "planted-files-key-123456", ["ORDER_INTAKE_API_KEY"] = "planted-intake-key-654321" };
        var parameters = RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("production.runsettings"));
        parameters["DryRun"] = "true";
        var settings = SettingsReader.Read(parameters, environment.GetValueOrDefault);

        var text = string.Join('\n', CutoverRunbook.Plan(settings).Steps.Concat(RollbackRunbook.Plan(settings).Steps).SelectMany(s => s.PlannedCommands));

        text.Should().NotContain("planted-files-key").And.NotContain("planted-intake-key");
    }

    private static VerificationSettings Production(params (string Key, string Value)[] overrides)
    {
        var parameters = RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("production.runsettings"));
        foreach (var (key, value) in overrides)
        {
            parameters[key] = value;
        }

        return SettingsReader.Read(parameters, _ => null);
    }
}
