namespace Mint.Verification.SelfTests.Architecture;

/// <summary>
/// The library's layers, lowest first, as README's layout section draws them. A namespace may use
/// its own layer and those below; the cycle rule keeps namespaces within a layer from using each
/// other both ways.
/// </summary>
internal static class LibraryLayers
{
    public static readonly IReadOnlyList<(string Name, string[] Namespaces)> All =
    [
        ("redaction", ["Redaction"]),
        ("settings", ["Settings"]),
        ("tools and the module catalogue", ["Commands", "Database", "Engine", "Http", "Modules", "Operator"]),
        ("remote host", ["Remote"]),
        ("target", ["Targets"]),
        ("checks and evidence", ["Checks", "Checks.Access", "Checks.OldSeed", "Checks.Readiness", "Checks.Rows", "Checks.Snapshot", "Checks.Soak", "Evidence", "Faults"]),
        ("rehearsal worlds", ["Worlds"]),
        ("runbook steps' core", ["Runbooks.Steps"]),
        ("runbook steps", ["Runbooks.Cutover", "Runbooks.Gate", "Runbooks.Rollback"]),
        ("runbooks", ["Runbooks"]),
        ("NUnit glue", ["Testing"]),
    ];

    public static IEnumerable<string> Above(int layer) => All.Skip(layer + 1).SelectMany(l => l.Namespaces);

    /// <summary>The name of the layer that lists this full namespace, or null (every namespace is listed by name).</summary>
    public static string? LayerOf(string fullNamespace)
    {
        var relative = fullNamespace["Mint.Verification.".Length..];
        return All.FirstOrDefault(l => l.Namespaces.Contains(relative, StringComparer.Ordinal)).Name;
    }

    /// <summary>A regular expression matching exactly these namespaces under Mint.Verification.</summary>
    public static string Pattern(IEnumerable<string> namespaces) =>
        $"^Mint\\.Verification\\.({string.Join("|", namespaces.Select(n => n.Replace(".", "\\.", StringComparison.Ordinal)))})$";
}
