using Mint.Verification.Runbooks.Rollback;

namespace Mint.Verification.SelfTests.Rollback;

/// <summary>
/// The restore decision of Rollback-1/2 for one old service: healthy; restored degraded only when
/// it runs from the old directory and its answer blames a dependency the contract's way (503,
/// "status":"degraded", a field "error"), for the settle window or once docker gave up; anything
/// else waits to the bound and is down.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class RestoreDecisionTests
{
    private const string Old = "artwork-module";
    private const string FromOld = "/home/deploy/artwork-module";
    private const string PostgresDown = """{"status":"degraded","db":"error","minio":"ok"}""";

    [Test]
    public void HealthyFromTheOldDirectoryIsHealthy() =>
        Assert.That(Judge(new RestoreObservation(FromOld, "running", "healthy", null)).State, Is.EqualTo(RestoreState.Healthy));

    [Test]
    public void PostgresDownForTheSettleWindowIsRestoredDegradedNamingTheAnswer()
    {
        var (state, detail) = Judge(Running("starting", 503, PostgresDown), RestoreDecision.DegradedSettle);

        Assert.That(state, Is.EqualTo(RestoreState.Degraded));
        Assert.That(detail, Does.Contain("HTTP 503").And.Contain("\"db\":\"error\"").And.Contain("dependency db"));
    }

    [Test]
    public void AFreshDegradedAnswerIsABlipUntilItSettles() =>
        Assert.That(Judge(Running("starting", 503, PostgresDown), TimeSpan.FromSeconds(1)).State, Is.EqualTo(RestoreState.Waiting));

    [Test]
    public void DockerUnhealthyWithADependencyBlamedIsDegradedAtOnce() =>
        Assert.That(Judge(Running("unhealthy", 503, PostgresDown), TimeSpan.Zero).State, Is.EqualTo(RestoreState.Degraded));

    [Test]
    public void DockerUnhealthyBlamingNothingIsDown() =>
        Assert.That(Judge(Running("unhealthy", 500, "boom"), TimeSpan.Zero).State, Is.EqualTo(RestoreState.Down));

    [Test]
    public void DegradedAtTheBoundIsStillRestoredDegraded() =>
        Assert.That(Judge(Running("starting", 503, PostgresDown), TimeSpan.FromSeconds(1), timedOut: true).State, Is.EqualTo(RestoreState.Degraded));

    [TestCase(503, """{"status":"ok","db":"ok"}""", TestName = "a 503 whose body blames nothing")]
    [TestCase(500, """{"status":"degraded","db":"error"}""", TestName = "a 500 (a crash, not the contract's degraded answer)")]
    [TestCase(503, "<html>bad gateway</html>", TestName = "a 503 that is not JSON")]
    public void AnswersThatBlameNoDependencyAreNeverDegraded(int status, string body)
    {
        Assert.That(Judge(Running("starting", status, body), TimeSpan.FromMinutes(5)).State, Is.EqualTo(RestoreState.Waiting), "before the bound it waits");
        Assert.That(Judge(Running("starting", status, body), TimeSpan.FromMinutes(5), timedOut: true).State, Is.EqualTo(RestoreState.Down), "at the bound it is down");
    }

    [Test]
    public void NoAnswerAtTheBoundIsDownSayingSo()
    {
        var seen = new RestoreObservation(FromOld, "running", "starting", new HealthAnswer(null, string.Empty, "Connection refused"));

        var (state, detail) = Judge(seen, TimeSpan.Zero, timedOut: true);

        Assert.That(state, Is.EqualTo(RestoreState.Down));
        Assert.That(detail, Does.Contain("Connection refused"));
    }

    [Test]
    public void ARestartingContainerWaitsAndIsDownAtTheBound()
    {
        var seen = new RestoreObservation(FromOld, "restarting", "unhealthy", null);

        Assert.That(Judge(seen).State, Is.EqualTo(RestoreState.Waiting));
        Assert.That(Judge(seen, TimeSpan.Zero, timedOut: true), Is.EqualTo((RestoreState.Down, "the container is restarting (health 'unhealthy')")));
    }

    [Test]
    public void AContainerFromAnotherDirectoryIsDownEvenWhenHealthy()
    {
        var (state, detail) = Judge(new RestoreObservation("/home/deploy/mint-modules-prod", "running", "healthy", null));

        Assert.That(state, Is.EqualTo(RestoreState.Down));
        Assert.That(detail, Does.Contain("mint-modules-prod").And.Contain("~/artwork-module"));
    }

    [Test]
    public void AnAbsentContainerIsDownAtTheBound() =>
        Assert.That(Judge(new RestoreObservation(string.Empty, "absent", "absent", null), TimeSpan.Zero, timedOut: true).State, Is.EqualTo(RestoreState.Down));

    [Test]
    public void FailingDependenciesAreTheFieldsThatSayError() =>
        Assert.That(new HealthAnswer(503, """{"status":"degraded","minio":"error","files_api":"error","timestamp":"x"}""", null).FailingDependencies(), Is.EqualTo(new[] { "minio", "files_api" }));

    private static RestoreObservation Running(string health, int status, string body) =>
        new(FromOld, "running", health, new HealthAnswer(status, body, null));

    private static (RestoreState State, string Detail) Judge(RestoreObservation seen, TimeSpan? degradedFor = null, bool timedOut = false) =>
        RestoreDecision.Judge(Old, seen, degradedFor ?? TimeSpan.Zero, timedOut);
}
