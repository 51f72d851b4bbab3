using Mint.Verification.Checks.Readiness;
using Mint.Verification.Modules;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// A small copy of the release (each build context's Dockerfile and the compose file, which is all
/// Ready-2 and Ready-3 read) to break without touching the real one.
/// </summary>
internal sealed class ScratchRelease : IDisposable
{
    private readonly ScratchRepositories scratch = new();

    public ScratchRelease(Func<string, string>? editCompose = null, string? withoutContext = null)
    {
        var source = ReleaseLayout.Source(MatrixRun.Current.Settings);
        Path = Directory.CreateDirectory(System.IO.Path.Combine(scratch.Root, "release")).FullName;
        foreach (var folder in ModuleCatalogue.All.Where(m => m.Name != withoutContext).Select(m => m.ContextFolder(MatrixRun.Current.Settings)))
        {
            Directory.CreateDirectory(System.IO.Path.Combine(Path, folder));
            File.Copy(System.IO.Path.Combine(source, folder, "Dockerfile"), System.IO.Path.Combine(Path, folder, "Dockerfile"));
        }

        var compose = File.ReadAllText(ReleaseLayout.ComposeFile(MatrixRun.Current.Settings));
        File.WriteAllText(System.IO.Path.Combine(Path, DeployLayout.ComposeFile), (editCompose ?? (text => text))(compose));
    }

    public string Path { get; }

    /// <summary>The run's settings with this copy as the release.</summary>
    public Settings.VerificationSettings Settings => MatrixRun.Current.Settings with { Deploy = MatrixRun.Current.Settings.Deploy with { ReleaseSource = Path } };

    public void Dispose() => scratch.Dispose();
}
