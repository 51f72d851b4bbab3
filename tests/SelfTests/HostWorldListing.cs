using Mint.Verification.Worlds;

namespace Mint.Verification.SelfTests;

/// <summary>
/// `docker ps -a` of the engine as a "changed nothing" comparison needs it: every container but
/// those of private module worlds (label mint.verification.world=module). The module-world tests
/// and the module contracts run in ./verify.sh test's second lane, side by side with the host
/// world's tests, so their containers come and go during a host-world test; they are not the host's.
/// </summary>
internal static class HostWorldListing
{
    /// <summary>A shell command listing the containers (those matching <paramref name="filter"/>, a `docker ps --filter` value, when given) in <paramref name="format"/> (a docker Go template without single quotes), sorted.</summary>
    public static string Command(string format, string? filter = null) =>
        $"docker ps -a {(filter is null ? string.Empty : $"--filter '{filter}' ")}--format '{Format(format)}' | grep -v '^{ModuleWorld.ModuleWorldValue}|' | cut -d '|' -f 2- | sort";

    /// <summary>The template's first field, for a listing asked with <see cref="Format"/>: the world label, then "|".</summary>
    public static string Format(string format) => $"{{{{.Label \"{ModuleWorld.WorldLabel}\"}}}}|{format}";

    /// <summary>The lines of a listing asked with <see cref="Format"/>, module-world containers left out, label removed, sorted.</summary>
    public static IEnumerable<string> WithoutModuleWorlds(string listing) =>
        listing.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith(ModuleWorld.ModuleWorldValue + "|", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf('|', StringComparison.Ordinal) + 1)..])
            .Order(StringComparer.Ordinal);
}
