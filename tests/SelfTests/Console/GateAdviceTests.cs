using Mint.Verification.Runbooks;
using Mint.Verification.SelfTests.StopBlocks;
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
        var (state, next) = StopAdvice.ForGate(Production(), "Pre", HostModulesSamples.OldServing);

        Assert.That(state, Does.StartWith("untouched").And.Contain("now: old stacks serving"));
        Assert.That(next, Does.StartWith("do not start the cutover").And.Contain("--filter Category=Pre").And.Not.Contain("Category=Cutover"));
    }

    [Test]
    public void AFailedPostNamesTheConfirmedRollback()
    {
        var settings = Production();

        var (state, next) = StopAdvice.ForGate(settings, "Post", HostModulesSamples.UnifiedServing);

        Assert.That(state, Does.Contain("Post only reads"));
        Assert.That(next, Does.Contain($"MINT_CONFIRM=rollback:{settings.ChangeId}").And.Contain("--filter Category=Rollback").And.Contain("runsettings/production.runsettings"));
    }

    [Test]
    public void AFailedSoakNamesTheConfirmedRollbackAndItsOwnCommandToRetry()
    {
        var settings = Production();

        var (state, next) = StopAdvice.ForGate(settings, "Soak", HostModulesSamples.UnifiedServing);

        Assert.That(state, Does.StartWith("as the cutover left it: Soak only reads;").And.Not.Contain("marked intake"));
        Assert.That(next, Does.Contain($"MINT_CONFIRM=rollback:{settings.ChangeId}").And.Contain("--filter Category=Rollback")
            .And.Contain("dotnet test tests/PostCutover -v q --filter Category=Soak --settings runsettings/production.runsettings again"));
    }

    [Test]
    public void AFailedPostWithNoCutoverAdvisesNoRollback()
    {
        var (state, next) = StopAdvice.ForGate(Production(), "Post", HostModulesSamples.OldServing);

        Assert.That(state, Does.StartWith("no cutover ran").And.Contain("old stacks serving"));
        Assert.That(next, Does.StartWith("no rollback").And.Not.Contain("Category=Rollback").And.Contain("--filter Category=Pre"));
    }

    [Test]
    public void AFailedPostWithUnifiedContainersButNoJournalEntryStillNamesTheRollback()
    {
        // The journal lost its step-4 start, but the host shows a cutover: the containers decide too.
        var (state, next) = StopAdvice.ForGate(Production(), "Post", HostModulesSamples.UnifiedServing with { CutoverBegun = false });

        Assert.That(state, Does.StartWith("as the cutover left it"));
        Assert.That(next, Does.Contain("--filter Category=Rollback"));
    }

    [Test]
    public void AFailedPostWithAnUnreadableJournalAndTheOldStacksServingClaimsNeither()
    {
        var (state, next) = StopAdvice.ForGate(Production(), "Post", HostModulesSamples.OldServing with { CutoverBegun = null });

        Assert.That(state, Does.Not.Contain("as the cutover left it").And.Contain("old stacks serving"));
        Assert.That(next, Does.StartWith("if Cutover ran tonight"));
    }

    [Test]
    public void AFailedPostThatCouldNotReadTheHostSaysBothWays()
    {
        var (state, next) = StopAdvice.ForGate(Production(), "Post", null);

        Assert.That(state, Does.Contain("not read"));
        Assert.That(next, Does.StartWith("if Cutover ran tonight").And.Contain("if it did not, nothing to roll back"));
    }

    private static VerificationSettings Production() =>
        SettingsReader.Read(RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("production.runsettings")), name => name == OperatorVariables.HostKey ? Key : null);
}
