using Mint.Verification.Settings;
using Mint.Verification.SelfTests.Isolation;

namespace Mint.Verification.SelfTests.Consent;

/// <summary>
/// Issue 17 item 3, the script's side: ./verify.sh exports MINT_REHEARSAL_ONLY=1 to everything it
/// starts (seen by a stand-in docker, the first program any subcommand runs), and its quick first
/// line refuses production's spellings before any docker call, naming the variable. Run under
/// unshare -n (<see cref="IsolatedScript"/>): nothing can leave this machine; no engine is used.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
[Description("Issue 17 item 3: production only on purpose")]
public sealed class VerifyScriptRehearsalOnlyTests
{

    [OneTimeSetUp]
    public Task NetworkNamespaceIsAvailable() => IsolatedScript.RequireNetworkNamespaceAsync();

    [Test]
    public async Task WhatVerifyStartsSeesTheRehearsalOnlyMark()
    {
        using var docker = new RecordingDocker();

        var run = await IsolatedScript.RunAsync("down --list", docker.Environment);

        Assert.That(docker.Calls(), Is.Not.Empty, $"./verify.sh down --list must call docker (its first program): {run.Transcript()}");
        Assert.That(docker.Calls(), Has.All.EndsWith("| MINT_REHEARSAL_ONLY=1"), $"every program ./verify.sh starts must see MINT_REHEARSAL_ONLY=1, though the caller's shell had none: {run.Transcript()}");
    }

    [TestCase("rehearse -- -p:RunSettingsFilePath={0}")]
    [TestCase("rehearse -p:RunSettingsFilePath={0}")]
    [TestCase("rehearse --settings:{0}")]
    [TestCase("rehearse -s:{0}")]
    [TestCase("rehearse -s {0}")]
    [TestCase("test --settings {0}")]
    [TestCase("stability --settings={0}")]
    [TestCase("rehearse @{1}")]
    public async Task ProductionSpellingsAreRefusedBeforeAnyDockerCall(string arguments)
    {
        using var docker = new RecordingDocker();
        var responseFile = await ConsentSettings.WriteProductionResponseFileAsync(docker.Folder);
        var command = string.Format(System.Globalization.CultureInfo.InvariantCulture, arguments, ConsentSettings.ProductionFile, responseFile);

        var run = await IsolatedScript.RunAsync(command, docker.Environment);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), $"./verify.sh {command} must be refused: {run.Transcript()}");
            Assert.That(run.Stderr, Does.Contain("refused: ").And.Contain(OperatorVariables.RehearsalOnly), $"the refusal names {OperatorVariables.RehearsalOnly}: {run.Transcript()}");
            Assert.That(docker.Calls(), Is.Empty, "the refusal comes before any docker call");
        });
    }
}
