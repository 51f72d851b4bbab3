using Mint.Verification.Contract;

namespace Mint.Verification.SelfTests.Contract;

/// <summary>The verdict words the console and the change record print are read back as the same verdict.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class VerdictWordsTests
{
    [Test]
    public void EveryVerdictHasItsOwnWordAndReadsBack()
    {
        var verdicts = Enum.GetValues<Verdict>();

        Assert.Multiple(() =>
        {
            Assert.That(verdicts.Select(v => VerdictWords.Parse(v.Word())), Is.EqualTo(verdicts.Cast<Verdict?>()), "a word read back names its verdict");
            Assert.That(verdicts.Select(v => v.Word()), Is.Unique, "two verdicts never share a word");
            Assert.That(VerdictWords.Parse("pass"), Is.Null, "words are the operator's capitals, nothing else");
        });
    }

    [Test]
    public void TheWordsAreTheOnesTheOperatorAndTheChangeRecordKnow()
    {
        Assert.That(
            new[] { Verdict.Pass, Verdict.Fail, Verdict.NotRun, Verdict.Planned }.Select(v => v.Word()),
            Is.EqualTo(new[] { "PASS", "FAIL", "NOT RUN", "PLANNED" }));
    }

    [Test]
    public void OnlyFailAndNotRunFailAStage() =>
        Assert.That(Enum.GetValues<Verdict>().Where(v => v.IsFailure()), Is.EquivalentTo(new[] { Verdict.Fail, Verdict.NotRun }));

    [Test]
    public void APlannedMessageIsPlannedToTheLoggerAndToTheBundle()
    {
        var message = $"{VerdictWords.PlannedMessage}, not run: Cutover-4 stop the old stacks";

        Assert.That(ConsoleLogger.ResultLine.VerdictOf(Microsoft.VisualStudio.TestPlatform.ObjectModel.TestOutcome.None, message), Is.EqualTo(Verdict.Planned));
    }
}
