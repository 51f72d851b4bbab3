using System.Net;
using DotNet.Testcontainers.Containers;
using Mint.Verification.Http;
using Mint.Verification.Modules;
using Mint.Verification.Targets;
using Mint.Verification.Worlds;

namespace Mint.Verification.Contracts;

/// <summary>
/// With a dependency stopped, the health endpoints answer 503 "degraded" naming the dependency, and
/// the health rows fail naming it. Runs on a private world (the shared one must stay healthy);
/// each test stops one container and starts it again, so no test depends on another's leftovers.
/// </summary>
[TestFixture]
[Category("Contract")]
[NonParallelizable]
public sealed class DegradedHealthContract
{
    private ModuleWorld? world;

    private ModuleWorld World => world ?? throw new InvalidOperationException("The degraded-health world has not been initialized.");

    [OneTimeSetUp]
    public async Task StartPrivateWorld() => world = await MatrixRun.Current.StartModuleWorldAsync(ModuleWorldOptions.Healthy);

    [OneTimeTearDown]
    public async Task RemovePrivateWorld()
    {
        if (world is not null)
        {
            await world.DisposeAsync();
        }
    }

    [Test]
    public async Task PostgresStoppedMakesFilesApiHealthFailNamingDb() =>
        await WhileStopped(World.Postgres, async target =>
        {
            var result = await HealthCheck.RunAsync("Post-1", "files-api", target.Endpoints.FilesApi, ModuleCatalogue.Artwork.HealthFields, MatrixRun.Current.Http);

            Assert.Multiple(() =>
            {
                Assert.That(result.Passed, Is.False, "Post-1 must fail while Postgres is stopped");
                Assert.That(result.Problems, Has.Some.Contains("'db'"), result.Describe());
                Assert.That(result.Problems, Has.None.Contains("'minio'"), result.Describe());
            });
            await ExpectDegraded(target.Endpoints.FilesApi, "db");
        });

    [Test]
    public async Task S3StoppedIsReportedByFilesApiAndQuotePage() =>
        await WhileStopped(World.S3, async target =>
        {
            await ExpectDegraded(target.Endpoints.FilesApi, "minio");
            await ExpectDegraded(target.Endpoints.QuotePage, "minio");
        });

    [Test]
    public async Task FilesApiStoppedIsReportedByItsClients() =>
        await WhileStopped(World.FilesApi, async target =>
        {
            await ExpectDegraded(target.Endpoints.OrderIntake, "artwork_api");
            await ExpectDegraded(target.Endpoints.QuotePage, "files_api");
            var intake = await IntakeChecks.SubmitAsync("contract", target, MatrixRun.Current.Http, MatrixRun.Current.Settings.Payloads, "files-api stopped");
            Assert.That(intake.Result.Problems, Has.Some.Contains("HTTP 502"), intake.Result.Describe());
        });

    private static async Task ExpectDegraded(Uri service, string field)
    {
        var exchange = await MatrixRun.Current.Http.GetAsync(new Uri(service, "/health"));
        var body = JsonBody.AsObject(exchange, out var problem);

        Assert.Multiple(() =>
        {
            Assert.That(exchange.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), exchange.Transcript());
            Assert.That(body?["status"]?.GetValue<string>(), Is.EqualTo("degraded"), problem ?? exchange.Transcript());
            Assert.That(body?[field]?.GetValue<string>(), Is.EqualTo("error"), problem ?? exchange.Transcript());
        });
    }

    /// <summary>
    /// Stops a container for the duration of a check and starts it again (health waits included).
    /// The target is taken first: a stopped container has no published port to ask for.
    /// </summary>
    private async Task WhileStopped(IContainer container, Func<TargetUnderTest, Task> check)
    {
        var target = World.Target;
        await container.StopAsync();
        try
        {
            await check(target);
        }
        finally
        {
            await container.StartAsync();
        }
    }
}
