using FluentAssertions;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.BadInput;

/// <summary>
/// Every key of runsettings/rehearsal.runsettings, made malformed in turn: emptied, and given a
/// value of the wrong shape. A required key must be refused naming it; a key with a documented
/// default may be empty and must then take that default; no key may silently accept garbage. The
/// cases come from the file, so a key added there without a rule here fails until it gets one.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class MalformedSettingsTests
{
    private const string Missing = "missing or empty";

    /// <summary>
    /// The reader's contract, per key. <c>Garbage</c> is a value of the wrong shape (null: free
    /// text, where any non-empty value is legal at this layer); <c>Reason</c> is what the refusal
    /// says (null: only the key must be named); <c>Default</c> reads the setting an empty value falls
    /// back to (null: the key is required).
    /// </summary>
    private static readonly Dictionary<string, KeyRule> Rules = new(StringComparer.Ordinal)
    {
        ["Target"] = Required("abc", "is not one of: rehearsal, production"),
        ["ChangeId"] = Required("LOOP-X; rm -rf ~", "is not a change id"),
        ["TestSessionTimeout"] = Required("30min", "is not a whole number of milliseconds"),
        ["Operator"] = Defaulted(s => s.Operator, "unknown operator"),
        ["Host"] = Required("abc", "is not a loopback address"),
        ["TailscaleHost"] = Defaulted(s => s.TailscaleHost, string.Empty, "abc", "is not a loopback address"),
        ["FilesApiPort"] = Required("abc", "is not a TCP port"),
        ["OrderIntakePort"] = Required("abc", "is not a TCP port"),
        ["QuotePagePort"] = Required("abc", "is not a TCP port"),
        ["SshUser"] = Required(),
        ["ArtworkImage"] = Required("Not An Image!", "is not an image repository name"),
        ["OrderIntakeImage"] = Required("Not An Image!", "is not an image repository name"),
        ["QuotePageImage"] = Required("Not An Image!", "is not an image repository name"),
        ["ExpectedTag"] = Required("bad tag", "is not a valid image tag"),
        ["PreviousTag"] = Required("bad tag", "is not a valid image tag"),
        ["ArtworkDigest"] = Required("abc", "is not a sha256 digest prefix"),
        ["OrderIntakeDigest"] = Required("abc", "is not a sha256 digest prefix"),
        ["QuotePageDigest"] = Required("abc", "is not a sha256 digest prefix"),
        ["PostgresImage"] = Required("Not An Image!"),
        ["S3Image"] = Required("Not An Image!"),
        ["DockerHostImage"] = Required("Not An Image!"),
        ["TwinSnapshot"] = Defaulted(s => s.Rehearsal.TwinSnapshot, string.Empty, "no/such/host-snapshot.json", "does not exist"),
        ["SshKeyFileVariable"] = Required("BAD-NAME", "is not an environment variable name"),
        ["SshConnectTimeoutSeconds"] = Defaulted(s => s.Ssh.ConnectTimeout, TimeSpan.FromSeconds(10), "abc", "is not a number of seconds"),
        ["SshCommandTimeoutSeconds"] = Defaulted(s => s.Ssh.CommandTimeout, TimeSpan.FromSeconds(60), "abc", "is not a number of seconds"),
        ["OpsRepository"] = Required(),
        ["ModulesRepository"] = Required(),
        ["AuthorityRepoPath"] = Required(),
        ["SmokeScript"] = Defaulted(s => s.Tools.SmokeScript, ToolSettings.DefaultSmokeScript, "/tmp/elsewhere.sh", "is not a path relative to ModulesRepository"),
        ["ValidPayloadFile"] = Defaulted(s => s.Payloads.ValidFile, ContractPayloads.DefaultValidFile, "fixtures/payloads/no-such.json", "does not exist"),
        ["InvalidPayloadFile"] = Defaulted(s => s.Payloads.InvalidFile, ContractPayloads.DefaultInvalidFile, "fixtures/payloads/no-such.json", "does not exist"),
        ["IntakePayloadFile"] = Defaulted(s => s.Payloads.IntakeFile, ContractPayloads.DefaultIntakeFile, "README.md", "is not a JSON object"),
        ["InvalidPayloadField"] = Defaulted(s => s.Payloads.InvalidField, ContractPayloads.DefaultInvalidField, "not a field!", "is not a contract field name"),
        ["ToolTimeoutSeconds"] = Defaulted(s => s.Tools.Timeout, TimeSpan.FromSeconds(120), "abc", "is not a number of seconds"),
        ["ReleaseSource"] = Required(),
        ["BuildArgs"] = Defaulted(s => s.Deploy.BuildArgs.Count, 0),
        // Empty: derived on the host from the running files-api's DATABASE_URL (PostgresDerivationTests).
        ["PostgresContainer"] = Defaulted(s => s.Deploy.PostgresContainer, string.Empty, "not a container!", "is not a container name"),
        ["DatabaseName"] = Defaulted(s => s.Deploy.DatabaseName, string.Empty, "no spaces allowed", "is not a database name"),
        ["DatabaseUser"] = Defaulted(s => s.Deploy.DatabaseUser, string.Empty, "no;quote", "is not a database role name"),
        ["FilesApiKeyVariable"] = Required("BAD-NAME", "is not an environment variable name"),
        ["OrderIntakeApiKeyVariable"] = Required("BAD-NAME", "is not an environment variable name"),
        ["ApiKeyHeader"] = Defaulted(s => s.ApiKeyHeader, "X-API-Key", "X API Key"),
        ["HttpTimeoutSeconds"] = Defaulted(s => s.HttpTimeout, TimeSpan.FromSeconds(10), "abc", "is not a number of seconds"),
        ["StartupTimeoutSeconds"] = Defaulted(s => s.StartupTimeout, TimeSpan.FromSeconds(120), "abc", "is not a number of seconds"),
        ["DowntimeWindowSeconds"] = Defaulted(s => s.DowntimeWindow, TimeSpan.FromSeconds(120), "abc", "is not a number of seconds"),
        ["StabilizationSeconds"] = Defaulted(s => s.Stabilization, TimeSpan.FromSeconds(10), "abc", "is not a number of seconds"),
        ["CanaryStartSeconds"] = Defaulted(s => s.CanaryStart, TimeSpan.FromSeconds(60), "601", "is not a whole number of seconds from 0 (off) to 600"),
        ["SoakSeconds"] = Defaulted(s => s.Soak.Duration, TimeSpan.FromSeconds(900), "a while", "is not a whole number from 1 to 86400"),
        ["SoakIntervalSeconds"] = Defaulted(s => s.Soak.Interval, TimeSpan.FromSeconds(2), "0.5", "is not a whole number from 1 to 60"),
        ["SoakFailureLimit"] = Defaulted(s => s.Soak.FailureLimit, 5, "0", "is not a whole number from 1 to 10000"),
        ["SoakConsecutiveLimit"] = Defaulted(s => s.Soak.ConsecutiveLimit, 3, "-1", "is not a whole number from 1 to 1000"),
        ["SoakLatencyFactor"] = Defaulted(s => s.Soak.LatencyFactor, 3.0, "0.5", "is not a number from 1 to 100"),
        ["SoakLatencyAllowanceMs"] = Defaulted(s => s.Soak.LatencyAllowance, TimeSpan.FromMilliseconds(50), "50ms", "is not a whole number from 0 to 60000"),
        ["SoakMinimumCoveragePercent"] = Defaulted(s => s.Soak.MinimumCoveragePercent, 80, "0", "is not a whole number from 1 to 100"),
        ["MinimumFreeDiskMegabytes"] = Defaulted(s => s.MinimumFreeDiskMegabytes, 2048L, "-5", "is not a whole number of megabytes"),
        ["ReleaseCommit"] = Required("not-a-commit", "is not a commit hash"),
        ["ArtworkBuildContext"] = Defaulted(s => Modules.ModuleCatalogue.Artwork.ContextFolder(s), "artwork", "../outside", "is not a folder inside ReleaseSource"),
        ["OrderIntakeBuildContext"] = Defaulted(s => Modules.ModuleCatalogue.OrderIntake.ContextFolder(s), "order-intake", "/abs/path", "is not a folder inside ReleaseSource"),
        ["QuotePageBuildContext"] = Defaulted(s => Modules.ModuleCatalogue.QuotePage.ContextFolder(s), "quote-page", "a b", "is not a folder inside ReleaseSource"),
        ["MinimumDockerVersion"] = Required("abc", "is not a version"),
        ["DryRun"] = Defaulted(s => s.DryRun, false, "abc", "is not true or false"),
    };

    [TestCaseSource(nameof(EmptyCases))]
    public void EmptyValueIsRefusedOrTakesItsDefault(string key)
    {
        var rule = RuleFor(key);
        var parameters = Rehearsal();
        parameters[key] = string.Empty;

        if (rule.Default is null)
        {
            var act = () => Read(parameters);
            act.Should().Throw<SettingsException>().Which.Problems.Should().ContainSingle()
                .Which.Should().StartWith(key + ":").And.Contain(Missing);
        }
        else
        {
            Read(parameters).Should().Match<VerificationSettings>(s => Equals(rule.Default(s), rule.DefaultValue), $"an empty {key} falls back to its documented default {rule.DefaultValue}");
        }
    }

    [TestCaseSource(nameof(GarbageCases))]
    public void GarbageIsRefusedNamingTheKey(string key, string garbage)
    {
        var rule = RuleFor(key);
        var parameters = Rehearsal();
        parameters[key] = garbage;

        var act = () => Read(parameters);

        var problem = act.Should().Throw<SettingsException>($"{key}='{garbage}' is not a legal value and must not be accepted silently")
            .Which.Problems.Should().ContainSingle().Which;
        problem.Should().StartWith(key + ":");
        if (rule.Reason is not null)
        {
            problem.Should().Contain(rule.Reason);
        }
    }

    [Test]
    public void EveryRuleIsForAKeyOfTheFile() =>
        Rules.Keys.Should().BeSubsetOf(Rehearsal().Keys, "a rule for a key the file no longer has is stale");

    private static IEnumerable<TestCaseData> EmptyCases() =>
        Rehearsal().Keys.Select(key => new TestCaseData(key).SetName($"{{m}}({key})"));

    private static IEnumerable<TestCaseData> GarbageCases() =>
        Rehearsal().Keys
            .Where(key => !Rules.TryGetValue(key, out var rule) || rule.Garbage is not null)
            .Select(key => new TestCaseData(key, Rules.TryGetValue(key, out var rule) ? rule.Garbage! : "garbage").SetName($"{{m}}({key})"));

    private static KeyRule RuleFor(string key) =>
        Rules.TryGetValue(key, out var rule)
            ? rule
            : throw new AssertionException($"{key} is in rehearsal.runsettings but has no rule in {nameof(MalformedSettingsTests)}: say whether it is required, its default and what garbage looks like.");

    private static KeyRule Required(string? garbage = null, string? reason = null) => new(garbage, reason, null, null);

    private static KeyRule Defaulted(Func<VerificationSettings, object> read, object value, string? garbage = null, string? reason = null) =>
        new(garbage, reason, read, value);

    private static VerificationSettings Read(Dictionary<string, string> parameters) => SettingsReader.Read(parameters, _ => null);

    private static Dictionary<string, string> Rehearsal() => RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("rehearsal.runsettings"));

    private sealed record KeyRule(string? Garbage, string? Reason, Func<VerificationSettings, object>? Default, object? DefaultValue);
}
