using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Snapshot;

/// <summary>The files and settings the twin and rehearsal-release tests start from.</summary>
internal static class RehearsalInputs
{
    /// <summary>The change pack's unified compose, as production runs it.</summary>
    public static string ChangePackCompose => File.ReadAllText(RepositoryRoot.Resolve("fixtures/modules/docker-compose.prod.yml"));

    /// <summary>The rehearsal's settings with the release at <paramref name="release"/> and, when given, a twin snapshot.</summary>
    public static VerificationSettings Rehearsal(string release, string twinSnapshot = "")
    {
        var settings = SettingsReader.Read(RunSettingsFile.ReadParameters(RunSettingsFile.InRepository("rehearsal.runsettings")), _ => null);
        return settings with { Rehearsal = settings.Rehearsal with { TwinSnapshot = twinSnapshot }, Deploy = settings.Deploy with { ReleaseSource = release } };
    }
}
