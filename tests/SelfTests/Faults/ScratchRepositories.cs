using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>Copies of the operator's stand-in repositories to break without touching the real ones.</summary>
internal sealed class ScratchRepositories : IDisposable
{
    /// <summary>
    /// Inside this repository's (ignored) .build folder, so copies sit in a git work tree as the
    /// real repositories do (the release script takes its tag from git).
    /// </summary>
    public string Root { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, ".build", "fault-scratch", Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>A copy of a repository folder without build output (bin/ of the ops CLI is kept).</summary>
    public string CopyOf(string repositoryPath, string name)
    {
        var source = RepositoryRoot.Resolve(repositoryPath);
        var target = Path.Combine(Root, name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Skip(1).Any(part => part is "bin" or "obj") || parts.Any(part => part is "publish" or "receipts"))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            File.SetUnixFileMode(destination, File.GetUnixFileMode(file));
        }

        return target;
    }

    public static OpsTool Tools(string? ops = null, string? modules = null, string? authorityPath = null)
    {
        var tools = MatrixRun.Current.Settings.Tools;

        // The ops CLI resolves a relative --repo-path against its own repository's parent; a copy of
        // the ops repository lives elsewhere, so it is given the real modules repository explicitly.
        var authority = authorityPath ?? (ops is null ? tools.AuthorityRepoPath : RepositoryRoot.Resolve(tools.ModulesRepository));
        return new OpsTool(tools with
        {
            OpsRepository = ops ?? tools.OpsRepository,
            ModulesRepository = modules ?? tools.ModulesRepository,
            AuthorityRepoPath = authority,
        });
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
