namespace Mint.Verification.SelfTests.Isolation;

/// <summary>
/// Stand-ins for the tools a script could reach for before its guard (docker, dockerd, dotnet,
/// apt-get, debootstrap), put first on PATH: each only writes its name and arguments to a file
/// and fails. An empty record proves the script called none of them.
/// </summary>
public sealed class ToolRecorder : IDisposable
{
    private static readonly string[] Tools = ["docker", "dockerd", "dotnet", "apt-get", "debootstrap"];

    public ToolRecorder()
    {
        Directory.CreateDirectory(Bin);
        foreach (var tool in Tools)
        {
            var path = Path.Combine(Bin, tool);
            File.WriteAllText(path, $"#!/bin/sh\nprintf '%s\\n' \"{tool} $*\" >>'{RecordFile}'\nexit 1\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("iso-test-tools-").FullName;

    private string Bin => Path.Combine(Folder, "bin");

    private string RecordFile => Path.Combine(Folder, "calls");

    /// <summary>PATH with the stand-ins first; the real tools (sh, ip, sed, ...) behind them.</summary>
    public string SearchPath => $"{Bin}:{Environment.GetEnvironmentVariable("PATH")}";

    /// <summary>Every recorded call, one per line; empty when none was made.</summary>
    public string Calls => File.Exists(RecordFile) ? File.ReadAllText(RecordFile) : string.Empty;

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
