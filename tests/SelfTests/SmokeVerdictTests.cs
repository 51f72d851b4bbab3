using FluentAssertions;

namespace Mint.Verification.SelfTests;

/// <summary>The smoke row's pass rule: 8 passed, or 6 passed + 2 skipped; a skip never counts as a pass.</summary>
[TestFixture]
[Category("SelfTest")]
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
        var result = new CheckResult("Post-9", "smoke");
        if (failed > 0)
        {
            result.Fail("a smoke check failed");
        }

        SmokeCheck.Judge(result, cases);

        result.Passed.Should().Be(rowPasses, result.Describe());
    }
}
