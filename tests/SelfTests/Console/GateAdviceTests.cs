using Mint.Verification.Operator;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Console;

/// <summary>
/// A failed read-only gate ends with one stop block: Pre says not to start the cutover, Post names
/// the change pack's rollback with production's confirmation; both say the gate changed nothing.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class GateAdviceTests
{
    private const string Key = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    [Test]
    public void AFailedPreSaysNotToStartTheCutover()
    {
        var (state, next) = StopAdvice.ForGate(Production(), "Pre");

        Assert.That(state, Does.StartWith("untouched"));
        Assert.That(next, Does.StartWith("do not start the cutover").And.Contain("--filter Category=Pre").And.Not.Contain("Category=Cutover"));
    }

    [Test]
    public void AFailedPostNamesTheConfirmedRollback()
    {
        var settings = Production();

        var (state, next) = StopAdvice.ForGate(settings, "Post");

        Assert.That(state, Does.Contain("Post only reads"));
        Assert.That(next, Does.Contain($"MINT_CONFIRM=rollback:{settings.ChangeId}").And.Contain("--filter Category=Rollback").And.Contain("runsettings/production.runsettings"));
    }

    private static VerificationSettings Production() =>
        SettingsReader.Read(RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("production.runsettings")), name => name == OperatorVariables.HostKey ? Key : null);
}
