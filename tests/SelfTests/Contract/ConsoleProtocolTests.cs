using Mint.Verification.ConsoleLogger;
using Mint.Verification.Contract;
using Mint.Verification.Operator;

namespace Mint.Verification.SelfTests.Contract;

/// <summary>The lines the test process writes (OperatorConsole) are read by the logger (ConsoleSession) through one definition.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class ConsoleProtocolTests
{
    [Test]
    public void EveryKindIsReadBackWithItsPayload()
    {
        foreach (var kind in Enum.GetValues<ConsoleMessageKind>())
        {
            var read = ConsoleProtocol.TryParse(ConsoleProtocol.Format(kind, "a\tb c"), out var parsed, out var payload);

            Assert.That((read, parsed, payload), Is.EqualTo((true, kind, "a\tb c")), kind.Word());
        }
    }

    [Test]
    public void OtherOutputIsNotAMessageAndAnUnknownKindIsAPlainLine()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ConsoleProtocol.TryParse("[testcontainers.org] Connected", out _, out _), Is.False);
            Assert.That(ConsoleProtocol.TryParse(ConsoleProtocol.Marker + "newkind text", out var kind, out var payload), Is.True);
            Assert.That((kind, payload), Is.EqualTo((ConsoleMessageKind.Line, "text")));
        });
    }

    [Test]
    public void WhatTheOperatorConsoleWritesTheLoggerPrints()
    {
        var written = new[]
        {
            ConsoleProtocol.Format(ConsoleMessageKind.Banner, "==== MINT ===="),
            OperatorConsole.RowMessage("T.Pre5", "Pre-5", Verdict.Planned, "ssh -o ... docker-host"),
            ConsoleProtocol.Format(ConsoleMessageKind.Figure, "downtime files-api 1.2 s (window 120 s)"),
            OperatorConsole.StopMessage("Cutover-4", "compose down failed", "old stacks serving", "Pre, then Cutover"),
        };
        var output = new StringWriter();
        var session = new ConsoleSession(output);

        foreach (var line in written)
        {
            session.Message(line);
        }

        session.Result(new ResultLine("T.Pre5", "Pre5", "Pre-5", Verdict.Fail, "PLANNED (DryRun), not run", TimeSpan.Zero));
        session.Complete(RunEnd.Clean);

        Assert.Multiple(() =>
        {
            Assert.That(output.ToString(), Does.Contain("==== MINT ===="));
            Assert.That(output.ToString(), Does.Contain(OperatorConsole.RowLine("Pre-5", "PLANNED", "ssh -o ... docker-host")));
            Assert.That(output.ToString(), Does.Contain("STOPPED at Cutover-4: compose down failed"));
            Assert.That(output.ToString(), Does.Contain("1 row(s): 1 PLANNED; stopped at Cutover-4"), "the row's own verdict word, read back as a verdict");
            Assert.That(output.ToString(), Does.Contain("  downtime files-api 1.2 s (window 120 s)"));
        });
    }
}
