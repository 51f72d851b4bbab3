using Mint.Verification.Modules;
using Mint.Verification.Runbooks;
using Mint.Verification.Runbooks.Cutover;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// Cutover-3b's command line and its reading of `docker inspect`: no published port, no dependency,
/// no alias an old stack could resolve; an app that exits or a healthcheck that cannot run is
/// refused at once, a starting one is waited for.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class CanaryStartTests
{
    [Test]
    public void TheCanaryPublishesNoPortRunsNoDependencyAndTakesNoAlias()
    {
        var command = CanaryStartStep.StartCommand(MatrixRun.Current.Settings, "mint-canary-0123abcd");

        Assert.Multiple(() =>
        {
            Assert.That(command, Does.Contain("-p mint-canary-0123abcd -f docker-compose.prod.yml --env-file .env.prod run -d --no-deps -l org.mint.canary=mint-canary-0123abcd"));
            Assert.That(command.IndexOf("docker image inspect", StringComparison.Ordinal), Is.LessThan(command.IndexOf(" run ", StringComparison.Ordinal)).And.GreaterThan(0), "the images are proven present before run (which would build a missing one)");
            Assert.That(command, Does.Not.Contain("--service-ports").And.Not.Contain("--publish").And.Not.Contain("--use-aliases").And.Not.Contain(" up "));
            Assert.That(command, Does.Contain("-e FILES_API_URL=http://mint-canary-0123abcd-files-api:3500 order-intake"), "order-intake's health is the canary files-api's");
            Assert.That(command, Does.Contain("& a=$!").And.Contain("& b=$!"), "order-intake and quote-page start side by side");
        });
    }

    [Test]
    public void ZeroSecondsTurnsTheCanaryOffAndThePlanSaysSo() =>
        Assert.That(new CanaryStartStep().Plan(MatrixRun.Current.Settings with { CanaryStart = TimeSpan.Zero }), Is.EqualTo(new[] { CanaryStartStep.Off }));

    [Test]
    public void AnAppThatExitedIsRefusedAtOnce()
    {
        var state = Parse("""{"Status":"exited","ExitCode":134,"Health":{"Status":"starting","Log":[]}}""");

        Assert.Multiple(() =>
        {
            Assert.That(state.Pending, Is.False);
            Assert.That(state.Healthy, Is.False);
            Assert.That(state.Describe(), Is.EqualTo("exited at start (exit code 134)"));
        });
    }

    [Test]
    public void AHealthcheckWhoseToolIsMissingIsRefusedAtOnce()
    {
        var state = Parse("""{"Status":"running","Health":{"Status":"starting","Log":[{"ExitCode":-1,"Output":"OCI runtime exec failed: exec failed: unable to start container process: exec: \"curl\": executable file not found in $PATH: unknown"}]}}""");

        Assert.Multiple(() =>
        {
            Assert.That(state.Pending, Is.False);
            Assert.That(state.Describe(), Does.StartWith("its healthcheck cannot run in the image").And.Contain("executable file not found"));
        });
    }

    [Test]
    public void AStartingCanaryIsWaitedForAndAHealthyOnePasses()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Parse("""{"Status":"running","Health":{"Status":"starting","Log":[{"ExitCode":1,"Output":"curl: (7) Failed to connect"}]}}""").Pending, Is.True);
            Assert.That(Parse("""{"Status":"running","Health":{"Status":"healthy","Log":[{"ExitCode":0,"Output":"ok"}]}}""").Healthy, Is.True);
            Assert.That(Parse("""{"Status":"running"}""").Describe(), Is.EqualTo("has no healthcheck"));
            Assert.That(CanaryHealth.Parse(ModuleCatalogue.Artwork, "img", "c", restartCount: 2, """{"Status":"running","Health":{"Status":"starting"}}""").Describe(), Does.StartWith("restarted 2 time(s)"));
        });
    }

    [Test]
    public void OneCanaryRefusedForGoodEndsTheWaitAndIsTheOneNamed()
    {
        var exited = Parse("""{"Status":"exited","ExitCode":1,"Health":{"Status":"starting"}}""");
        var starting = Parse("""{"Status":"running","Health":{"Status":"starting"}}""");
        var healthy = Parse("""{"Status":"running","Health":{"Status":"healthy"}}""");

        Assert.Multiple(() =>
        {
            Assert.That(CanaryHealth.KeepWaiting([healthy, starting]), Is.True, "one still starting, none refused: wait");
            Assert.That(CanaryHealth.KeepWaiting([exited, starting]), Is.False, "one exited: the cutover is refused already");
            Assert.That(CanaryHealth.Refused([exited, starting, healthy]), Is.EqualTo(new[] { exited }), "the exited one is the cause");
            Assert.That(CanaryHealth.Refused([starting, healthy]), Is.EqualTo(new[] { starting }), "the bound spent: the one still starting");
            Assert.That(CanaryHealth.Refused([healthy, healthy]), Is.Empty);
        });
    }

    private static CanaryState Parse(string state) => CanaryHealth.Parse(ModuleCatalogue.OrderIntake, "mint-modules/order-intake:t", "mint-canary-x-order-intake", 0, state);
}
