using Mint.Verification.Faults;
using Mint.Verification.Modules;
using Mint.Verification.Remote;
using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;
using Mint.Verification.Runbooks.Cutover;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// The canary start (Cutover-3b) under broken releases: the real cutover runs on the host world
/// and must stop at 3b, naming the image, with the old stacks' containers exactly as before and no
/// canary left behind. Each release is built at its own fault tag, so the night's images are untouched.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[NonParallelizable]
public sealed class CanaryFaultTests
{
    private static readonly string[] RefusedSteps = ["Cutover-3b", .. Enumerable.Range(4, 6).Select(n => $"Cutover-{n}")];

    [Test]
    public async Task ANewImageWhoseAppExitsAtStartIsRefusedBeforeAnythingStops() =>
        await WithOldStacksUntouched(async (target, host) =>
        {
            // An unknown generation makes every module exit at start (ModuleEnvironment.Generation).
            var settings = FaultRelease("fault-exits", "MODULE_GENERATION=fault-not-a-generation");
            var run = await CutoverRunbook.RunAsync(new RunbookContext(settings, target, host, MatrixRun.ResultsDirectory), "canary fault");
            Detected("new image whose app exits at start: canary refuses, old stacks untouched", RefusedSteps, run, "the canary refuses the cutover");
            Assert.That(run.Step("Cutover-3b").Message, Does.Contain($"image {ModuleCatalogue.Artwork.Image(settings)}").And.Match("exited at start|restarted"), run.Step("Cutover-3b").Message);
        });

    [Test]
    public async Task ANewImageWithoutItsHealthcheckToolIsRefusedBeforeAnythingStops() =>
        await WithOldStacksUntouched(async (target, host) =>
        {
            var settings = FaultRelease("fault-no-curl");
            var context = new RunbookContext(settings, target, host, MatrixRun.ResultsDirectory);
            // Steps 1-3 build the release at the fault tag; then order-intake's image loses curl, the
            // tool its compose healthcheck runs (the derived image keeps the build's labels, so
            // Cutover-3 finds it "already built" and the canary starts exactly this image).
            var built = await RunbookRunner.RunAsync(CutoverRunbook.Steps("canary fault").Take(3).ToList(), context, AfterFailure.StopAtFirst);
            Assert.That(built.Select(s => s.Status), Is.All.AnyOf(StepStatus.Done, StepStatus.AlreadyDone), string.Join("; ", built.Select(s => $"{s.Id} {s.Message}")));
            var orderIntake = ModuleCatalogue.OrderIntake.Image(settings);
            await Run(host, $"printf 'FROM {orderIntake}\\nRUN rm -f \"$(command -v curl)\" && ! command -v curl\\n' | docker build -q -t {orderIntake} -");

            var run = await CutoverRunbook.RunAsync(context, "canary fault");
            Detected("new image without its healthcheck tool (curl): canary refuses, old stacks untouched", RefusedSteps, run, "the canary refuses the cutover");
            Assert.That(run.Step("Cutover-3b").Message, Does.Contain($"image {orderIntake}").And.Contain("healthcheck cannot run in the image"), run.Step("Cutover-3b").Message);
        });

    private static VerificationSettings FaultRelease(string tag, params string[] buildArgs) => MatrixRun.Current.Settings with
    {
        Images = MatrixRun.Current.Settings.Images with { ExpectedTag = tag },
        Deploy = MatrixRun.Current.Settings.Deploy with { BuildArgs = [.. MatrixRun.Current.Settings.Deploy.BuildArgs, .. buildArgs] },
        CanaryStart = TimeSpan.FromSeconds(60),
    };

    /// <summary>Runs a fault, then proves the old stacks' containers are the same ones in the same state and no canary is left; the fault tag's images are removed.</summary>
    private static async Task WithOldStacksUntouched(Func<Targets.TargetUnderTest, SshDockerHost, Task> fault)
    {
        using var exclusive = await RunbookContext.ExclusiveAsync(TimeSpan.FromMinutes(15));
        var target = await MatrixRun.Current.RehearsalHostTargetAsync();
        using var host = await SshDockerHost.ConnectAsync(target.Ssh!);
        // Same containers (ids), same state, never restarted (start time): "untouched".
        const string OldStacks = "for p in artwork-module quote-page; do docker ps -aq --filter label=com.docker.compose.project=$p; done | xargs -r docker inspect --format '{{.Name}} {{.Id}} {{.State.Status}} {{.State.StartedAt}}' | sort";
        var before = (await host.RunAsync(OldStacks)).Stdout;
        // As the operator runs Pre before Cutover: step 0 refuses a cutover with no fresh snapshot.
        await PreGateSnapshot.RecordAsync(host, target);
        try
        {
            await fault(target, host);
        }
        finally
        {
            await host.RunAsync("docker images --format '{{.Repository}}:{{.Tag}}' | grep -E ':fault-(exits|no-curl)$' | xargs -r docker rmi -f >/dev/null");
        }

        var after = (await host.RunAsync(OldStacks)).Stdout;
        var canaries = (await host.RunAsync($"docker ps -aq --filter label={CanaryStartStep.Label}")).Stdout.Trim();
        var pre8 = await HostChecks.OldContainersHealthyAsync("Pre-8", host);
        Assert.Multiple(() =>
        {
            Assert.That(after, Is.EqualTo(before).And.Not.Empty, "a refused canary must leave the old stacks' containers as they were");
            Assert.That(canaries, Is.Empty, "no canary container may be left behind");
            Assert.That(pre8.Problems, Is.Empty, "the old stacks still serve");
        });
    }

    private static void Detected(string fault, string[] rows, RunbookRun run, string cause)
    {
        var steps = run.Steps.Select(s => s.ToCheckResult()).ToList();
        var outcome = FaultCatalogue.Judge(fault, rows, steps, cause, MatrixRun.ResultsDirectory);
        Assert.That(outcome.Detected, Is.True, $"{outcome}{Environment.NewLine}{string.Join(Environment.NewLine, steps.Where(r => !r.Passed).Select(r => r.Describe()))}");
    }

    private static async Task Run(SshDockerHost host, string command)
    {
        var result = await host.RunAsync(command, TimeSpan.FromSeconds(120));
        Assert.That(result.Succeeded, Is.True, "fault injection failed: " + result.Transcript());
    }
}
