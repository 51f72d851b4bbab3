using ArchUnitNET.Domain;
using ArchUnitNET.Domain.Dependencies;
using ArchUnitNET.Fluent;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Mint.Verification.SelfTests.Architecture;

/// <summary>
/// The library's layers (README, "Layout"): each namespace depends only on its own layer and those
/// below, no two namespaces depend on each other through any path, and only Settings reads the
/// process environment. Read from the compiled library (IL), so a fully qualified name or a
/// reference in a lambda counts as much as a `using` line.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class LibraryLayerTests
{
    private const string Root = "Mint.Verification";

    private static readonly string[] EnvironmentCalls = ["System.Environment::GetEnvironmentVariable", "System.Environment::SetEnvironmentVariable"];

    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Library = new(() =>
        new ArchLoader().LoadAssemblies(typeof(Mint.Verification.Settings.VerificationSettings).Assembly).Build());

    [Test]
    public void EveryNamespaceOfTheLibraryHasALayer()
    {
        var unplaced = Library.Value.Types
            .Select(type => type.Namespace.FullName)
            .Where(name => name.StartsWith(Root + ".", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Where(name => LibraryLayers.LayerOf(name) is null)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.That(unplaced, Is.Empty, "a new namespace needs its place in LibraryLayers (and README's layout section)");
    }

    [Test]
    public void NoLayerDependsOnALayerAboveIt()
    {
        var violations = new List<string>();
        for (var layer = 0; layer < LibraryLayers.All.Count - 1; layer++)
        {
            var rule = Types().That().ResideInNamespaceMatching(LibraryLayers.Pattern(LibraryLayers.All[layer].Namespaces))
                .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(LibraryLayers.Pattern(LibraryLayers.Above(layer))))
                .Because($"layer '{LibraryLayers.All[layer].Name}' sits below {string.Join(", ", LibraryLayers.All.Skip(layer + 1).Select(l => $"'{l.Name}'"))}");
            violations.AddRange(Violations(rule));
        }

        Assert.That(violations, Is.Empty, "dependencies against the layers (move the type down, or the caller up)");
    }

    [Test]
    public void NoNamespaceDependsOnItselfThroughAnother()
    {
        var rule = SliceRuleDefinition.Slices().Matching(Root + ".(**)").Should().BeFreeOfCycles();

        Assert.That(Violations(rule), Is.Empty, "namespace cycles");
    }

    [Test]
    public void OnlySettingsReadsTheProcessEnvironment()
    {
        // A rule over MethodMembers() would see only the library's own members and pass by default:
        // the calls are read from each type's dependencies, whose targets include System's methods.
        var reads = Library.Value.Types
            .Where(type => type.Namespace.FullName != Root + ".Settings")
            .SelectMany(type => type.Dependencies.OfType<MethodCallDependency>()
                .Where(call => EnvironmentCalls.Any(name => call.TargetMember.FullName.Contains(name, StringComparison.Ordinal)))
                .Select(call => $"{type.FullName} calls {call.TargetMember.FullName}"))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.That(reads, Is.Empty, "environment calls outside Settings: a variable that steers a run is named in Settings (ProcessEnvironment or the settings reader), never read deep in a check");
    }

    [Test]
    public void TheEnvironmentRuleSeesTheCallsSettingsMakes()
    {
        // Proves the rule above can fail: the same search finds Settings' own calls.
        var inSettings = Library.Value.Types
            .Where(type => type.Namespace.FullName == Root + ".Settings")
            .SelectMany(type => type.Dependencies.OfType<MethodCallDependency>())
            .Count(call => EnvironmentCalls.Any(name => call.TargetMember.FullName.Contains(name, StringComparison.Ordinal)));

        Assert.That(inSettings, Is.GreaterThan(0), "ProcessEnvironment's calls to System.Environment");
    }

    /// <summary>Each failed object of the rule, one line each, with the rule's own words.</summary>
    private static IEnumerable<string> Violations(IArchRule rule) =>
        rule.Evaluate(Library.Value).Where(result => !result.Passed).Select(result => $"{result.Description} (rule: {rule.Description})");
}
