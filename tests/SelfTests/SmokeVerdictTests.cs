using FluentAssertions;
using Mint.Verification.Commands;

namespace Mint.Verification.SelfTests;

/// <summary>
/// The smoke rows' pass rule: 8 passed, or 6 passed + 2 skipped without the key; a skip never
/// counts as a pass. Post-9b judges its C# cases, Post-9 the script's own summary line.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class SmokeVerdictTests
{
    [TestCase(8, 0, 0, true)]
    [TestCase(6, 0, 2, true)]
    [TestCase(7, 1, 0, false)]
    [TestCase(7, 0, 1, false)]
    [TestCase(5, 1, 2, false)]
    [TestCase(6, 0, 1, false)]
    public void RowPassesOnlyAtEightOrSixPlusTwoSkipped(int passed, int failed, int skipped, bool rowPasses)
    {
        var cases = Enumerable.Repeat(new SmokeCase("ok", SmokeOutcome.Passed, ""), passed)
            .Concat(Enumerable.Repeat(new SmokeCase("bad", SmokeOutcome.Failed, "broken"), failed))
            .Concat(Enumerable.Repeat(new SmokeCase("later", SmokeOutcome.Skipped, "no key"), skipped))
            .ToList();
        var result = new CheckResult("Post-9b", "smoke");
        if (failed > 0)
        {
            result.Fail("a smoke check failed");
        }

        SmokeCheck.Judge(result, cases);

        result.Passed.Should().Be(rowPasses, result.Describe());
    }

    [TestCase("6/6 passed (2 skipped — no API key)", 0, false, true)]
    [TestCase("8/8 passed", 0, true, true)]
    [TestCase("6/6 passed (2 skipped — no API key)", 0, true, false)]
    [TestCase("8/8 passed", 0, false, false)]
    [TestCase("6/6 passed (2 skipped — no API key)", 1, false, false)]
    [TestCase("7/7 passed (1 skipped — no API key)", 0, false, false)]
    [TestCase("5/5 passed", 0, true, false)]
    [TestCase("no summary at all", 0, true, false)]
    public void ScriptPassesOnlyOnItsDocumentedSummaryAndExitZero(string summary, int exitCode, bool withKey, bool rowPasses)
    {
        var result = new CheckResult("Post-9", "script");

        SmokeScriptCheck.Judge(result, Run($"PASS files-api health: ok\n{summary}\n", exitCode), withKey);

        result.Passed.Should().Be(rowPasses, result.Describe());
    }

    [Test]
    public void AFailingCheckLineIsNamedInTheRowsFailure()
    {
        var result = new CheckResult("Post-9", "script");
        const string failing = "FAIL quote-page health: cannot reach http://127.0.0.1:1/health";

        SmokeScriptCheck.Judge(result, Run($"PASS files-api health: ok\n{failing}\n5/6 passed (2 skipped — no API key)\n", 1), withKey: false);

        result.Problems.Should().Contain(p => p.Contains(failing, StringComparison.Ordinal))
            .And.Contain(p => p.Contains("1 of 6 checks did not pass", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("exit 1", StringComparison.Ordinal));
    }

    private static CommandResult Run(string stdout, int exitCode) =>
        new("local", "./scripts/staging-integration-smoke.sh", exitCode, stdout, string.Empty, TimeSpan.FromSeconds(1));
}
