using FluentAssertions;
using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests;

/// <summary>
/// Post-9 against a private module world: the modules repository's script, run exactly as the row
/// runs it, passes at 8/8 with the order-intake key and at 6/6 + 2 skipped without it, and its
/// output (the row's evidence) never carries a key.
/// </summary>
[TestFixture]
[Category("SelfTest")]
// On a private module world, never the host world: ./verify.sh test runs it in its second lane, beside the host world's tests.
[Category("ModuleWorld")]
[NonParallelizable]
public sealed class SmokeScriptTests
{
    private ModuleWorld? world;

    private ModuleWorld World => world ?? throw new InvalidOperationException("The module world has not been started.");

    [OneTimeSetUp]
    public async Task StartWorldAsync() => world = await MatrixRun.Current.StartModuleWorldAsync(ModuleWorldOptions.Healthy);

    [OneTimeTearDown]
    public async Task RemoveWorldAsync()
    {
        if (world is not null)
        {
            await world.DisposeAsync();
        }
    }

    [Test]
    public async Task WithTheKeyAllEightPass()
    {
        var result = await RunAsync(World.Target);

        result.Passed.Should().BeTrue(result.Describe());
        result.Observations.Should().Contain("summary: 8/8 passed");
        KeysAreAbsentFromTheEvidence(result);
    }

    [Test]
    public async Task WithoutTheKeySixPassAndTwoAreSkipped()
    {
        var result = await RunAsync(World.Target with { OrderIntakeApiKey = null });

        result.Passed.Should().BeTrue(result.Describe());
        result.Observations.Should().Contain("summary: 6/6 passed (2 skipped — no API key)");
        KeysAreAbsentFromTheEvidence(result);
    }

    private static Task<CheckResult> RunAsync(Targets.TargetUnderTest target) =>
        SmokeScriptCheck.RunAsync("Post-9", target, MatrixRun.Current.Tools, MatrixRun.Current.Settings.HttpTimeout, $"{MatrixRun.Current.Marker} smoke script self-test");

    private void KeysAreAbsentFromTheEvidence(CheckResult result)
    {
        var evidence = string.Join('\n', result.Attachments.Select(e => e.Content));
        evidence.Should().NotContain(World.Target.OrderIntakeApiKey!, "the script must never print the order-intake key");
        evidence.Should().NotContain(World.Target.FilesApiKey!, "the script must never print the files-api key");
    }
}
