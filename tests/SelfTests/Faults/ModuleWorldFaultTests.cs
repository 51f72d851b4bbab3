using DotNet.Testcontainers.Containers;
using Mint.Verification.Faults;
using Mint.Verification.Redaction;
using Mint.Verification.Targets;
using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// The Post matrix's HTTP rows (Post-1..3, Post-5..9, Post-9b; <see cref="Stages.PostHttpAsync"/>) run as one stage, in-process, against a
/// private module world broken by exactly one fault. Each fault gets its own world, so nothing
/// leaks from one fault into the next. The rows that depend on what was broken must fail naming
/// the cause, and every other row must pass: <see cref="FaultCatalogue.Judge"/> decides and
/// records the outcome in the fault catalogue.
/// </summary>
/// <remarks>
/// Why the cause words: a module that depends on files-api reports only <c>"error"</c> for it
/// (order-intake's <c>artwork_api</c>, quote-page's <c>files_api</c>) and order-intake relays only
/// files-api's status code, so the rows downstream of files-api can name files-api, never the
/// Postgres or S3 behind it. Under those faults the catalogue's cause word is therefore
/// "files-api" (what every failing row truly says), and the test asserts separately that the row
/// which owns the dependency names it ('db', 'minio').
/// </remarks>
[TestFixture]
[Category("SelfTest")]
// On a private module world, never the host world: ./verify.sh test runs it in its second lane, beside the host world's tests.
[Category("ModuleWorld")]
// One at a time: two private worlds side by side took longer on 2 cores than one after the other
// (113 s against 66 s from a clean clone, 2026-12-03): a world's start is .NET start-up, CPU-bound.
[NonParallelizable]
public sealed class ModuleWorldFaultTests
{
    private static readonly string[] HealthOfClients = ["Post-2", "Post-3"];

    /// <summary>The script (Post-9) and the C# smoke (Post-9b) run the same checks, so they fail under the same faults.</summary>
    private static readonly string[] Smokes = ["Post-9", "Post-9b"];

    [Test]
    public async Task PostgresStoppedFailsFilesApiAndEverythingBehindIt()
    {
        var (outcome, stage) = await UnderFaultAsync(
            "Postgres stopped",
            ModuleWorldOptions.Healthy,
            world => world.Postgres,
            ["Post-1", .. HealthOfClients, "Post-7", "Post-8", .. Smokes],
            cause: "files-api");

        ExpectDetected(outcome, stage, ("Post-1", "'db'"), ("Post-9", "FAIL files-api health"), ("Post-9", "'db'"), ("Post-9b", "'db'"));
    }

    [Test]
    public async Task S3StoppedFailsTheHealthRows()
    {
        var (outcome, stage) = await UnderFaultAsync(
            "S3 (MinIO) stopped",
            ModuleWorldOptions.Healthy,
            world => world.S3,
            ["Post-1", .. HealthOfClients, .. Smokes],
            cause: "files-api");

        ExpectDetected(outcome, stage, ("Post-1", "'minio'"), ("Post-3", "'minio'"), ("Post-9", "'minio'"), ("Post-9b", "'minio'"));
    }

    [Test]
    public async Task FilesApiStoppedFailsItsClientsAndTheIntake()
    {
        var (outcome, stage) = await UnderFaultAsync(
            "files-api stopped",
            ModuleWorldOptions.Healthy,
            world => world.FilesApi,
            ["Post-1", .. HealthOfClients, "Post-7", "Post-8", .. Smokes],
            cause: "files-api");

        ExpectDetected(outcome, stage, ("Post-2", "'artwork_api'"), ("Post-3", "'files_api'"), ("Post-7", "HTTP 502"), ("Post-9", "FAIL files-api health: cannot reach"));
    }

    [Test]
    public async Task OrderIntakeStoppedFailsEveryRowThatTalksToIt()
    {
        var (outcome, stage) = await UnderFaultAsync(
            "order-intake stopped",
            ModuleWorldOptions.Healthy,
            world => world.OrderIntake,
            ["Post-2", "Post-5", "Post-6", "Post-7", "Post-8", .. Smokes],
            cause: "cannot reach");

        ExpectDetected(outcome, stage, ("Post-5", "cannot reach"), ("Post-9", "FAIL order-intake health: cannot reach"));
    }

    [Test]
    public async Task QuotePageStoppedFailsOnlyItsHealth()
    {
        var (outcome, stage) = await UnderFaultAsync(
            "quote-page stopped",
            ModuleWorldOptions.Healthy,
            world => world.QuotePage,
            ["Post-3", .. Smokes],
            cause: "cannot reach");

        ExpectDetected(outcome, stage, ("Post-3", "cannot reach"), ("Post-9", "FAIL quote-page health: cannot reach"));
    }

    [Test]
    public async Task OrderIntakeAcceptingInvalidContractsFailsNegativeValidation()
    {
        var (outcome, stage) = await UnderFaultAsync(
            "order-intake accepts an invalid contract (MINT_FAULT=accept_invalid)",
            new ModuleWorldOptions { OrderIntakeFaults = "accept_invalid" },
            stop: null,
            ["Post-6", .. Smokes],
            cause: "quantity");

        ExpectDetected(outcome, stage, ("Post-6", "expected 422"), ("Post-9", "FAIL validate-invalid: HTTP 200, expected 422"));
    }

    [Test]
    public async Task MigrationNotAppliedFailsTheIntakeRows()
    {
        var (outcome, stage) = await UnderFaultAsync(
            "metadata migration not applied",
            new ModuleWorldOptions { ApplyMigration = false },
            stop: null,
            ["Post-7", "Post-8", .. Smokes],
            cause: "HTTP 502");

        ExpectDetected(outcome, stage, ("Post-7", "files-api"), ("Post-9", "FAIL intake: HTTP 502"));
    }

    [Test]
    public async Task WrongOrderIntakeKeyFailsTheAuthenticatedRows()
    {
        var (outcome, stage) = await UnderFaultAsync(
            "wrong order-intake API key",
            ModuleWorldOptions.Healthy,
            stop: null,
            ["Post-7", "Post-8", .. Smokes],
            cause: "HTTP 401",
            target => target with { OrderIntakeApiKey = "not-the-" + target.OrderIntakeApiKey });

        ExpectDetected(outcome, stage, ("Post-7", "refused the key"), ("Post-9", "FAIL intake: HTTP 401"));
    }

    /// <summary>
    /// Starts a private world with <paramref name="options"/>, takes its target (before anything
    /// is stopped: a stopped container has no published port), stops one container if asked, runs
    /// the stage and judges it. The world is removed whatever happens.
    /// </summary>
    private static async Task<(FaultOutcome Outcome, IReadOnlyList<CheckResult> Stage)> UnderFaultAsync(
        string fault,
        ModuleWorldOptions options,
        Func<ModuleWorld, IContainer>? stop,
        string[] expectedRows,
        string cause,
        Func<TargetUnderTest, TargetUnderTest>? bend = null)
    {
        await using var world = await MatrixRun.Current.StartModuleWorldAsync(options);
        var target = world.Target;
        if (stop is not null)
        {
            await stop(world).StopAsync();
        }

        var stage = await Stages.PostHttpAsync(bend is null ? target : bend(target), MatrixRun.Current.Settings, MatrixRun.Current.Tools, $"{MatrixRun.Current.Marker} fault self-test");
        var outcome = FaultCatalogue.Judge(fault, expectedRows, stage, cause, MatrixRun.ResultsDirectory);
        TestContext.Progress.WriteLine(Redactor.Redact(
            $"[fault] {fault}: expected [{string.Join(", ", expectedRows)}], failed [{string.Join(", ", outcome.FailedRows)}], detected={outcome.Detected}: {outcome.Message}"));
        foreach (var row in stage)
        {
            TestContext.Out.WriteLine(Redactor.Redact(row.Describe()));
        }

        return (outcome, stage);
    }

    /// <summary>The catalogue's verdict, plus the words the rows owning the broken part must say.</summary>
    private static void ExpectDetected(FaultOutcome outcome, IReadOnlyList<CheckResult> stage, params (string Row, string Says)[] specifics)
    {
        var message = Redactor.Redact(FaultCatalogue.Table([outcome]) + string.Join(Environment.NewLine, stage.Where(r => !r.Passed).Select(r => r.Describe())));
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Detected, Is.True, message);
            foreach (var (row, says) in specifics)
            {
                Assert.That(stage.Where(r => r.Row == row).SelectMany(r => r.Problems), Has.Some.Contains(says), $"{row} must name {says}.{Environment.NewLine}{message}");
            }
        });
    }
}
