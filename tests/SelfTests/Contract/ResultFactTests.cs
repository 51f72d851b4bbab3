using Mint.Verification.Bundle;
using Mint.Verification.Contract;
using Mint.Verification.Evidence;
using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;
using Mint.Verification.SelfTests.Evidence;
using Mint.Verification.Testing;

namespace Mint.Verification.SelfTests.Contract;

/// <summary>Digests and downtime written by the library as typed parameters are what the change record reads.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class ResultFactTests
{
    private static readonly ResultFact[] Facts =
    [
        new ImageDigest("artwork", "sha256:8b62ff0851a0aaaa"),
        new DowntimeFigure("files-api", 41.24, " (3 of 200 probes failed)"),
        new DowntimeFigure("quote-page", 0.6, ", restored by the automatic rollback at 2026-12-03T04:51:22.317Z", WindowSeconds: 120),
    ];

    [TestCaseSource(nameof(Facts))]
    public void TheParametersReadBackAsTheSameFact(ResultFact fact) =>
        Assert.That(ResultFact.Read(fact.Parameters.ToDictionary()), Is.EqualTo(fact));

    [Test]
    public void TheObservationsTextIsTheOneTheOperatorKnows()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Facts[0].Observation, Is.EqualTo("digest artwork sha256:8b62ff0851a0aaaa"));
            Assert.That(Facts[1].Observation, Is.EqualTo("downtime files-api 41.2 s (3 of 200 probes failed)"));
            Assert.That(Facts[2].Observation, Is.EqualTo("downtime quote-page 0.6 s (window 120 s), restored by the automatic rollback at 2026-12-03T04:51:22.317Z"));
        });
    }

    [Test]
    public void APlainObservationIsNoFact() =>
        Assert.That(ResultFact.Read(new Dictionary<string, string> { ["target"] = "rehearsal" }), Is.Null);

    [Test]
    public void WhatARunbookStepObservesReachesTheChangeRecordTyped()
    {
        var results = EvidenceSamples.TemporaryDirectory("facts");
        try
        {
            var build = new StepReport("Cutover-3", "build images") { Status = StepStatus.Done, Message = "done" };
            build.Observe(Facts[0]);
            build.Observe("a plain observation");
            var written = EvidenceSamples.WriteRow(new AllureResultsWriter(results, EvidenceSamples.ChangeId), "Cutover-3", "Cutover", build.ToCheckResult());
            EvidenceSamples.WriteRow(new AllureResultsWriter(results, EvidenceSamples.ChangeId), "Downtime", "Cutover", EvidenceSamples.Passing("Downtime", Facts[2]));

            var set = ResultSet.Read(results);

            Assert.Multiple(() =>
            {
                Assert.That(RowVerdict.For("Cutover-3", set).Facts, Is.EqualTo(new[] { Facts[0] }));
                Assert.That(RowVerdict.For("Downtime", set).Facts, Is.EqualTo(new[] { Facts[2] }));
                Assert.That(written.Steps.SelectMany(s => s.Steps).SelectMany(s => s.Parameters), Has.All.Property(nameof(AllureParameter.Mode)).EqualTo(AllureParameter.Hidden), "the figure's fields are for the reader, not shown in the report");
            });
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }

    [Test]
    public void ThePropertiesFormatReadsBackWhatItWrites()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, ["# written by the matrix", PropertiesFile.Line("engine", @"unix:///run/docker.sock \ 20.10"), PropertiesFile.Line("target", "rehearsal")]);

            Assert.That(PropertiesFile.Read(file), Is.EquivalentTo(new Dictionary<string, string> { ["engine"] = @"unix:///run/docker.sock \ 20.10", ["target"] = "rehearsal" }));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
