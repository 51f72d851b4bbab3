using Mint.Verification.Contract;
using Mint.Verification.Evidence;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>Small Allure results written by the real writer into a temporary directory.</summary>
internal static class EvidenceSamples
{
    public const string Target = "rehearsal module world sample01";

    /// <summary>The change id the samples' writers are given (a run's settings give theirs).</summary>
    public const string ChangeId = "LOOP-MINT-PROD-CUTOVER-EXECUTION-20260212";

    public static string TemporaryDirectory(string purpose) => Directory.CreateTempSubdirectory($"mint-evidence-{purpose}-").FullName;

    public static TestIdentity Identity(string row, string category, string description, string fixture = "SampleRows") => new(
        $"Mint.Verification.Samples.{fixture}.{row.Replace("-", string.Empty, StringComparison.Ordinal)}_Sample",
        $"{row.Replace("-", string.Empty, StringComparison.Ordinal)}_Sample",
        $"Mint.Verification.Samples.{fixture}",
        $"{row.Replace("-", string.Empty, StringComparison.Ordinal)}_Sample",
        "Samples",
        [category],
        row,
        description,
        []);

    /// <summary>A passing check with one observation and one attachment.</summary>
    public static CheckResult Passing(string row, string observation = "HTTP 200 {\"status\":\"ok\"}") =>
        new CheckResult(row, "sample check").Observe(observation).Attach(new Attachment("GET /health", $"GET http://127.0.0.1:3500/health{Environment.NewLine}-> HTTP 200"));

    /// <summary>A passing check whose observation is a typed figure (a digest, a downtime), as the runbook and Post-4 write them.</summary>
    public static CheckResult Passing(string row, ResultFact fact) => new CheckResult(row, "sample check").Observe(fact);

    /// <summary>Writes one row's result as the assembly's action would, with the check as its step.</summary>
    public static AllureResult WriteRow(AllureResultsWriter writer, string row, string category, CheckResult check, string? description = null)
    {
        var root = new StepRecord("test");
        root.Add(StepRecord.FromCheck(check));
        var start = DateTimeOffset.UtcNow.AddSeconds(-2);
        var outcome = check.Passed
            ? new TestOutcome(AllureStatus.Passed, null, null, start, DateTimeOffset.UtcNow)
            : new TestOutcome(AllureStatus.Failed, check.Describe(), "   at Sample.Row()", start, DateTimeOffset.UtcNow);
        return writer.Write(new TestRecord(Identity(row, category, description ?? $"{row} sample: method -> expected"), outcome)
        {
            Evidence = root,
            Target = Target,
            ExpectedTag = "0ce4de6",
        });
    }
}
