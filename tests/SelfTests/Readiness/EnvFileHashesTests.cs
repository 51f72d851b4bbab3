using Mint.Verification.Commands;
using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;
using Mint.Verification.Runbooks.Cutover;

namespace Mint.Verification.SelfTests.Readiness;

/// <summary>
/// Cutover-1's "already done" compares values, not only key names: the host's .env.prod lines are
/// hashed by the same shell command the step runs (here with this machine's sh), the night's lines
/// here, and only key names come out.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
[Description("Cutover-1, issue 18 deliverable 2")]
public sealed class EnvFileHashesTests
{
    private static readonly KeyValuePair<string, string>[] Tonight =
    [
        Entry("DATABASE_URL", "postgres://u:p@db/mint"),
        Entry("FILES_API_KEY", "files-key-of-tonight"),
        Entry("ARTWORK_TAG", "v2"),
    ];

    [Test]
    public async Task TheSameFileHasNoStaleKey()
    {
        var stale = EnvFileHashes.StaleKeys(Tonight, await HostHashesAsync(string.Concat(Tonight.Select(e => e.Value + "\n"))));

        Assert.That(stale, Is.Empty, "a file equal to tonight's, hashed by the host command, must be kept");
    }

    [Test]
    public async Task AnEarlierAttemptsKeyIsStaleAndOnlyItsNameIsShown()
    {
        var earlier = "# left by an earlier attempt\nDATABASE_URL='postgres://u:p@db/mint'\nFILES_API_KEY='files-key-of-last-week'\nARTWORK_TAG='v2'";

        var stale = EnvFileHashes.StaleKeys(Tonight, await HostHashesAsync(earlier));
        var message = EnvFileHashes.Rewritten(stale);

        Assert.Multiple(() =>
        {
            Assert.That(stale, Is.EqualTo(new[] { "FILES_API_KEY" }), "only the key whose value changed is stale (the last line has no newline, the comment is skipped)");
            Assert.That(message, Is.EqualTo("rewritten: FILES_API_KEY differed from the night's value"), "the row names the key");
            Assert.That(message, Does.Not.Contain("files-key"), "the row never shows a value");
        });
    }

    [Test]
    public async Task AMissingKeyOrAnUnquotedValueIsStaleAndTheLastDuplicateCounts()
    {
        var file = "DATABASE_URL=postgres://u:p@db/mint\nFILES_API_KEY='files-key-of-tonight'\nARTWORK_TAG='v2'\nARTWORK_TAG='v1'\n";

        var stale = EnvFileHashes.StaleKeys([.. Tonight, Entry("MINIO_BUCKET", "artwork")], await HostHashesAsync(file));

        Assert.That(stale, Is.EqualTo(new[] { "DATABASE_URL", "ARTWORK_TAG", "MINIO_BUCKET" }), "other quoting, a later duplicate with another value and a missing key all make the file stale");
    }

    private static KeyValuePair<string, string> Entry(string key, string value) => KeyValuePair.Create(key, EnvFileFormat.Line(key, value));

    /// <summary>The step's host command, run by this machine's sh on a scratch copy of the file.</summary>
    private static async Task<string> HostHashesAsync(string content)
    {
        var folder = Directory.CreateTempSubdirectory("env-hashes-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, ".env.prod"), content);
            var run = await new ProcessRunner(TimeSpan.FromSeconds(20)).RunAsync("sh", ["-c", EnvFileHashes.HostCommand(".env.prod")], folder.FullName);
            Assert.That(run.Succeeded, Is.True, "the host command must run under a POSIX sh\n" + run.Transcript());
            Assert.That(run.Stdout, Does.Not.Contain("files-key").And.Not.Contain("postgres://"), "the host command prints key names and hashes only");
            return run.Stdout;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
