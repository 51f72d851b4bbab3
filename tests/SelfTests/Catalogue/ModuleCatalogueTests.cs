using FluentAssertions;
using FluentAssertions.Execution;
using Mint.Verification.Checks;
using Mint.Verification.Checks.Readiness;
using Mint.Verification.Modules;
using Mint.Verification.Runbooks.Gate;
using Mint.Verification.Settings;
using Mint.Verification.Targets;

namespace Mint.Verification.SelfTests.Catalogue;

/// <summary>The module catalogue: every module has every fact, its names resolve, and its settings are read the same way by every consumer.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class ModuleCatalogueTests
{
    private static IEnumerable<TestCaseData> Modules() =>
        ModuleCatalogue.All.Select(m => new TestCaseData(m).SetName($"{{m}}({m.Name})"));

    [TestCaseSource(nameof(Modules))]
    public void EveryModuleHasEveryFact(Module module)
    {
        var settings = Read(Rehearsal());

        using (new AssertionScope())
        {
            module.Name.Should().NotBeNullOrWhiteSpace();
            module.Container.Should().NotBeNullOrWhiteSpace();
            module.Aliases.Should().NotBeEmpty().And.OnlyContain(a => a.Length > 0);
            module.ContainerPort.Should().BeInRange(1, 65535);
            module.HealthFields.Should().StartWith("status", "every health answer has a status field");
            DeployLayout.RequiredEnvKeys.Should().Contain(module.TagVariable, "Cutover-1 writes every module's tag to .env.prod");
            new[] { module.PortSetting, module.ImageSetting, module.ContextSetting, module.DigestSetting }.Should().OnlyContain(s => s.Length > 0);
            module.Port(settings).Should().BeInRange(1, 65535);
            module.Image(settings).Should().Be($"{module.Repository(settings)}:{settings.Images.ExpectedTag}");
            module.ContextFolder(settings).Should().NotBeNullOrWhiteSpace();
            module.RecordedDigest(settings).Should().NotBeNullOrWhiteSpace();
        }
    }

    [Test]
    public void NamesContainersAndPortsAreDistinct()
    {
        ModuleCatalogue.All.Select(m => m.Name).Should().OnlyHaveUniqueItems();
        ModuleCatalogue.Containers.Should().Equal("files-api", "order-intake", "quote-page");
        ModuleCatalogue.All.Select(m => m.ContainerPort).Should().Equal(3500, 3400, 3341);
        ModuleCatalogue.All.SelectMany(m => m.Aliases.Append(m.Name).Append(m.Container).Select(n => n.ToUpperInvariant()).Distinct())
            .Should().OnlyHaveUniqueItems("one name stands for one module");
    }

    [TestCase("artwork", "artwork")]
    [TestCase("files-api", "artwork")]
    [TestCase("FilesApi", "artwork")]
    [TestCase("Artwork", "artwork")]
    [TestCase("artwork-module", "artwork")]
    [TestCase("order-intake", "order-intake")]
    [TestCase("OrderIntake", "order-intake")]
    [TestCase("QuotePage", "quote-page")]
    [TestCase("quote-page", "quote-page")]
    public void AliasesResolveToTheirModule(string alias, string name) =>
        ModuleCatalogue.Find(alias).Name.Should().Be(name);

    [Test]
    public void AnUnknownNameIsRefusedWithTheKnownOnes() =>
        FluentActions.Invoking(() => ModuleCatalogue.Find("billing")).Should().Throw<ArgumentException>()
            .WithMessage("*billing*artwork (files-api), order-intake (order-intake), quote-page (quote-page)*");

    [Test]
    public void TheOldStacksAreArtworkModuleAndQuotePage()
    {
        ModuleCatalogue.OldStacks.Should().Equal(new OldStack("artwork-module", "files-api"), new OldStack("quote-page", "quote-page"));
        ModuleCatalogue.ByOldStack("artwork-module").Should().BeSameAs(ModuleCatalogue.Artwork);
        ModuleCatalogue.OrderIntake.OldStack.Should().BeNull("order-intake is new with the cutover");
    }

    /// <summary>Each module's setting names are the keys the settings reader reads for it, and a value given there reaches only that module.</summary>
    [TestCaseSource(nameof(Modules))]
    public void EachModuleReadsItsOwnSettings(Module module)
    {
        var parameters = Rehearsal();
        parameters[module.PortSetting] = "4711";
        parameters[module.ImageSetting] = "elsewhere/" + module.Name;
        parameters[module.ContextSetting] = "services/" + module.Name;
        parameters[module.DigestSetting] = "abcdef0123456789";

        var settings = Read(parameters);

        using (new AssertionScope())
        {
            module.Port(settings).Should().Be(4711);
            module.Image(settings).Should().Be($"elsewhere/{module.Name}:{settings.Images.ExpectedTag}");
            module.ContextFolder(settings).Should().Be("services/" + module.Name);
            module.RecordedDigest(settings).Should().Be("abcdef0123456789");
            ModuleCatalogue.All.Where(m => m != module).Select(m => m.Port(settings)).Should().NotContain(4711, "another module's port setting is its own");
        }
    }

    [TestCaseSource(nameof(Modules))]
    public void AnUnsetBuildContextIsTheModulesName(Module module)
    {
        var parameters = Rehearsal();
        parameters.Remove(module.ContextSetting);

        module.ContextFolder(Read(parameters)).Should().Be(module.Name, "the modules repository names each context folder after its module");
    }

    /// <summary>
    /// Post-4 used to check a constant while Ready-3 and the endpoints used FilesApiPort: with another
    /// port the two rows contradicted each other. Now every consumer asks the catalogue.
    /// </summary>
    [Test]
    public void AChangedFilesApiPortIsSeenTheSameByEveryConsumer()
    {
        var parameters = Rehearsal();
        parameters["FilesApiPort"] = "3600";
        var settings = Read(parameters);
        var artwork = ModuleCatalogue.Artwork;

        using (new AssertionScope())
        {
            // Post-4: the container's 3500 must be published on the host's 3600.
            DeploymentChecks.PublishesExpectedPort(artwork, settings, """{"3500/tcp":[{"HostIp":"0.0.0.0","HostPort":"3600"}]}""").Should().BeTrue();
            DeploymentChecks.PublishesExpectedPort(artwork, settings, """{"3500/tcp":[{"HostIp":"0.0.0.0","HostPort":"3500"}]}""").Should().BeFalse();

            // Ready-3: the compose must publish 3600 for files-api.
            UnifiedComposeReadiness.ModuleProblems(settings, Compose(settings, filesApiPublished: "3600")).Should().BeEmpty();
            UnifiedComposeReadiness.ModuleProblems(settings, Compose(settings, filesApiPublished: "3500")).Should().ContainSingle()
                .Which.Should().Contain("service files-api publishes [3500], but the matrix checks port 3600");

            // The rows' addresses, Ready-5's needed ports and the gate's scope.
            TargetUnderTest.FromProductionSettings(settings).Endpoints.FilesApi.Port.Should().Be(3600);
            TargetUnderTest.FromProductionSettings(settings).Endpoints.Of(artwork).Port.Should().Be(3600);
            GateScope.For(settings).HostPorts.Should().Contain("3600").And.NotContain("3500");
        }
    }

    [Test]
    public void EndpointsPlaceEachModuleByItsCatalogueEntry()
    {
        var endpoints = ModuleEndpoints.For(m => new Uri($"http://127.0.0.1:{m.ContainerPort}"));

        ModuleCatalogue.All.Select(m => endpoints.Of(m).Port).Should().Equal(3500, 3400, 3341);
        endpoints.QuotePage.Should().Be(endpoints.Of(ModuleCatalogue.QuotePage));
    }

    private static ComposeResolution Compose(VerificationSettings settings, string filesApiPublished) =>
        new(DeployLayout.UnifiedProject, [.. ModuleCatalogue.All.Select(m => new ResolvedService(
            m.Container,
            m.Container,
            m.Image(settings),
            [m == ModuleCatalogue.Artwork ? filesApiPublished : m.Port(settings).ToString(System.Globalization.CultureInfo.InvariantCulture)]))], []);

    private static VerificationSettings Read(Dictionary<string, string> parameters) => SettingsReader.Read(parameters, _ => null);

    private static Dictionary<string, string> Rehearsal() => RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("rehearsal.runsettings"));
}
