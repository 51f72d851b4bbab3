using Mint.Verification.Modules;
using Mint.Verification.Settings;
using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests.Snapshot;

/// <summary>
/// Every compose file the rehearsal starts publishes on 127.0.0.1 only (issue 17: 3500, 3400 and
/// 3341 were on every interface): the release's copy the cutover deploys, and the stand-in old
/// stacks the host world uploads. The change pack's compose itself stays as production runs it.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class RehearsalPortsTests
{
    private static string ChangePackCompose => RehearsalInputs.ChangePackCompose;

    private static string StandIn(string stack) => File.ReadAllText(RepositoryRoot.Resolve($"fixtures/deploy/before/{stack}/docker-compose.yml"));

    [Test]
    public void TheReleasesComposeIsBoundToLoopbackAndOtherwiseUnchanged()
    {
        var bound = RehearsalPorts.Loopback(ChangePackCompose);

        Assert.Multiple(() =>
        {
            Assert.That(RehearsalPorts.Published(bound), Is.EqualTo(new[] { "127.0.0.1:3500:3500", "127.0.0.1:3400:3400", "127.0.0.1:3341:3341" }), "the rehearsal's unified stack publishes beyond loopback");
            Assert.That(bound.Replace("127.0.0.1:", string.Empty, StringComparison.Ordinal), Is.EqualTo(ChangePackCompose), "binding the ports changed more than the ports");
            Assert.That(RehearsalPorts.Published(ChangePackCompose), Is.EqualTo(new[] { "3500:3500", "3400:3400", "3341:3341" }), "the change pack's compose (production's) was edited");
        });
    }

    [Test]
    public void TheStandInOldStacksAreUploadedBoundToLoopback()
    {
        var uploads = HostLayout.Default.OldStacks.Append(new OldStackLayout("artwork-module", "mint-artwork", "artwork-files-api", "3501:3500"))
            .Select(stack => (stack, Published: RehearsalPorts.Published(stack.RehearsalCompose(StandIn(stack.Directory)))))
            .ToList();

        Assert.Multiple(() =>
        {
            foreach (var (stack, published) in uploads)
            {
                Assert.That(published, Is.Not.Empty.And.All.StartsWith("127.0.0.1:"), $"~/{stack.Directory} (project {stack.Project}, port {stack.PublishedPort ?? "the stand-in's"}) publishes beyond loopback");
            }

            Assert.That(uploads[^1].Published, Is.EqualTo(new[] { "127.0.0.1:3501:3500" }), "the twin's port was lost");
        });
    }

    [Test]
    public void TheReleasesComposeIsBoundTwiceWithTheTailscaleStandIn()
    {
        var bound = RehearsalPorts.Loopback(ChangePackCompose, alsoOn: "127.0.0.2");

        Assert.Multiple(() =>
        {
            Assert.That(RehearsalPorts.Published(bound), Is.EqualTo(new[] { "127.0.0.1:3500:3500", "127.0.0.2:3500:3500", "127.0.0.1:3400:3400", "127.0.0.2:3400:3400", "127.0.0.1:3341:3341", "127.0.0.2:3341:3341" }));
            Assert.That(RehearsalPorts.Loopback("services:\n  a:\n    ports:\n      - '127.0.0.1:3500:3500'\n", alsoOn: "127.0.0.2"), Does.Not.Contain("127.0.0.2"),
                "an entry the compose itself binds to 127.0.0.1 answers on no other interface in production either");
        });
    }

    [TestCase("192.168.1.200")]
    [TestCase("localhost")]
    [TestCase("127.0.0.1")]
    public void TheSecondAddressIsAnotherLoopbackIpOnly(string alsoOn)
    {
        Assert.That(() => RehearsalPorts.Loopback(ChangePackCompose, alsoOn), Throws.ArgumentException.With.Message.Contains(alsoOn));
    }

    [TestCase("      - \"3500\"", "      - \"127.0.0.1::3500\"")]
    [TestCase("      - 3500:3500/udp # metrics", "      - \"127.0.0.1:3500:3500/udp\"")]
    [TestCase("      - '127.0.0.1:3500:3500'", "      - '127.0.0.1:3500:3500'")]
    public void EachShortEntryIsBound(string entry, string expected)
    {
        Assert.That(RehearsalPorts.Loopback($"services:\n  a:\n    ports:\n{entry}\n    image: x\n"), Is.EqualTo($"services:\n  a:\n    ports:\n{expected}\n    image: x\n"));
    }

    [TestCase("    ports:\n      - \"0.0.0.0:3500:3500\"\n", "not a plain")]
    [TestCase("    ports:\n      - \"${PORT}:3500\"\n", "not a plain")]
    [TestCase("    ports:\n      - target: 3500\n        published: 3500\n", "not a plain")]
    [TestCase("    ports: [\"3500:3500\"]\n", "inline")]
    [TestCase("    network_mode: host\n", "every interface")]
    public void WhatCannotBeBoundIsRefusedNotLeftOpen(string service, string words)
    {
        Assert.That(() => RehearsalPorts.Loopback($"services:\n  a:\n{service}"), Throws.TypeOf<FormatException>().With.Message.Contains(words));
    }

    [Test]
    public void TheRehearsalsReleaseCopyIsBoundAndTheReleaseItselfIsNot()
    {
        var scratch = Directory.CreateTempSubdirectory("mint-rehearsal-release-").FullName;
        try
        {
            var release = Directory.CreateDirectory(Path.Combine(scratch, "release")).FullName;
            var composeFile = Path.Combine(release, DeployLayout.ComposeFile);
            File.WriteAllText(composeFile, ChangePackCompose);
            var settings = RehearsalInputs.Rehearsal(release);
            var copy = Path.Combine(scratch, "copy");

            var (applied, _) = RehearsalRelease.Apply(settings, copy);
            var (production, _) = RehearsalRelease.Apply(settings with { Target = TargetKind.Production }, Path.Combine(scratch, "never"));

            Assert.Multiple(() =>
            {
                Assert.That(applied.Deploy.ReleaseSource, Is.EqualTo(copy), "the rehearsal does not deploy its copy");
                Assert.That(RehearsalPorts.Published(File.ReadAllText(Path.Combine(copy, DeployLayout.ComposeFile))),
                    Is.EqualTo(new[] { "127.0.0.1:3500:3500", "127.0.0.2:3500:3500", "127.0.0.1:3400:3400", "127.0.0.2:3400:3400", "127.0.0.1:3341:3341", "127.0.0.2:3341:3341" }),
                    "the copy publishes beyond loopback, or not on the Tailscale stand-in (TailscaleHost 127.0.0.2)");
                Assert.That(File.ReadAllText(composeFile), Is.EqualTo(ChangePackCompose), "the release itself was edited");
                Assert.That(production.Deploy.ReleaseSource, Is.EqualTo(release), "production's release was replaced");
                Assert.That(Directory.Exists(Path.Combine(scratch, "never")), Is.False, "production's release was copied");
            });
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
