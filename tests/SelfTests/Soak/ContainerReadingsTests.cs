using Mint.Verification.Checks.Soak;

namespace Mint.Verification.SelfTests.Soak;

/// <summary>The soak's container readings, from what `docker inspect --format` prints (Docker 20.10).</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class ContainerReadingsTests
{
    [Test]
    public void EachLineIsOneContainersReading()
    {
        const string Output = """
            /files-api|4f1c2d3e4f5a|running|healthy|0|false|0|2026-12-03T22:00:01.123456789Z|0|30
            /quote-page|9a8b7c6d5e4f|paused|unhealthy|0|false|0|2026-12-03T22:00:02Z|1|30
            /order-intake|0a1b2c3d4e5f|exited||2|true|137|2026-12-03T22:00:03Z|0|0
            """;

        var readings = ContainerReadings.Parse(Output);

        Assert.That(readings["files-api"], Is.EqualTo(new ContainerReading("4f1c2d3e4f5a", "running", "healthy", 0, false, 0, "2026-12-03T22:00:01.123456789Z", 0, 30)));
        Assert.That(readings["quote-page"].State, Is.EqualTo("paused"));
        Assert.That(readings["quote-page"].UnhealthyByItsCheck, Is.False, "docker shows a paused container unhealthy at once, with a streak under its retries");
        Assert.That(readings["order-intake"], Is.EqualTo(new ContainerReading("0a1b2c3d4e5f", "exited", null, 2, true, 137, "2026-12-03T22:00:03Z")));
    }

    [Test]
    public void AMissingContainerOrAGarbledLineHasNoReading()
    {
        var readings = ContainerReadings.Parse("/files-api|4f1c|running|healthy|zero|false|0|2026-12-03T22:00:01Z|0|30\n/quote-page|9a8b|running|healthy|0|false|0|2026-12-03T22:00:01Z|0\nError: No such object: quote-page\n");

        Assert.That(readings, Is.Empty);
    }

    [TestCase("unhealthy", 1, 30, false, TestName = "Unhealthy with a streak under its retries is docker's stopped monitor (a pause), not its check")]
    [TestCase("unhealthy", 30, 30, true, TestName = "Unhealthy with a streak of its retries is its check's verdict")]
    [TestCase("unhealthy", 3, 0, true, TestName = "Without retries given docker's default of 3 applies")]
    [TestCase("unhealthy", 2, 0, false, TestName = "Under docker's default of 3 the check has not decided")]
    [TestCase("healthy", 30, 30, false, TestName = "A healthy status is never unhealthy whatever the streak")]
    public void OnlyTheHealthchecksOwnVerdictIsUnhealthy(string health, int streak, int retries, bool unhealthy)
    {
        var reading = new ContainerReading("4f1c2d3e4f5a", "running", health, 0, false, 0, "2026-12-03T22:00:01Z", streak, retries);

        Assert.That(reading.UnhealthyByItsCheck, Is.EqualTo(unhealthy));
    }

    [Test]
    public void TheCommandReadsTheNamedContainersOnly()
    {
        Assert.That(ContainerReadings.Command(["files-api", "order-intake", "quote-page"]),
            Does.StartWith("docker inspect --format '{{.Name}}|{{.Id}}|").And.EndWith("' files-api order-intake quote-page"));
    }
}
