using Mint.Verification.Checks;
using Mint.Verification.Checks.Readiness;
using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests.Readiness;

/// <summary>
/// Ready-1's rights judgement on the catalogue's answer (owner|schema|user|owns|select|update|create|superuser):
/// each missing right fails naming the privilege, the step that needs it and the fix.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class DatabaseRightsTests
{
    [Test]
    public void TheOwnerWithEveryRightPassesAndSaysSo()
    {
        var result = Judge("mint|public|mint|true|true|true|true|false");

        Assert.Multiple(() =>
        {
            Assert.That(result.Passed, Is.True, result.Describe());
            Assert.That(result.Observations, Has.Some.Contains("owner of artwork_seeds").And.Contains("CREATE in schema public"));
        });
    }

    [Test]
    public void AUserWhoIsNotTheOwnerFailsNamingAlterAndTheOwner()
    {
        var result = Judge("postgres|public|mint|false|true|true|true|false");

        Assert.That(result.Problems, Has.One.Contains("lacks the ALTER and COMMENT ON privilege").And.Contains("owner (pg_tables.tableowner) is 'postgres'").And.Contains("ALTER TABLE public.artwork_seeds OWNER TO mint"), result.Describe());
    }

    [Test]
    public void NoCreateInTheSchemaFailsNamingRollbackFour()
    {
        var result = Judge("mint|public|mint|true|true|true|false|false");

        Assert.That(result.Problems, Has.One.Contains("lacks the CREATE privilege on schema public").And.Contains("Rollback-4"), result.Describe());
    }

    [Test]
    public void MissingTablePrivilegesAreNamed()
    {
        var result = Judge("mint|public|mint|true|false|false|true|false");

        Assert.That(result.Problems, Has.One.Contains("lacks SELECT and UPDATE on public.artwork_seeds"), result.Describe());
    }

    [Test]
    public void AnUnreadableAnswerFails() =>
        Assert.That(Judge(string.Empty).Passed, Is.False);

    [Test]
    public void AWorldBuiltByAnOlderMatrixIsRefusedNamingDown()
    {
        var old = new HostWorldState("hw", new WorldSecrets("a", "b", "c", "d", "e"), Remote.SshKeyPair.Generate("t"), "SHA256:x", 22);

        Assert.Multiple(() =>
        {
            Assert.That(old.Outdated("/state.json"), Does.Contain("./verify.sh down").And.Contain($"version {HostWorldState.CurrentVersion}"));
            Assert.That((old with { Version = HostWorldState.CurrentVersion }).Outdated("/state.json"), Is.Null);
        });
    }

    private static CheckResult Judge(string answer) => DatabaseRights.Judge(answer, "mint", new CheckResult("Ready-1", "rights"));
}
