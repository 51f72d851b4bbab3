using Mint.Verification.SelfTests.Isolation;

namespace Mint.Verification.SelfTests.Consent;

/// <summary>
/// A stand-in docker CLI first on PATH, in a scratch HOME: it records each call and whether the
/// caller had MINT_REHEARSAL_ONLY, and answers nothing (exit 1), so ./verify.sh sees no engine and
/// no real engine is ever asked. The child's own MINT_REHEARSAL_ONLY is removed: what the log shows
/// is what verify.sh exported itself.
/// </summary>
internal sealed class RecordingDocker : IDisposable
{
    private const string LogVariable = "RECORDING_DOCKER_LOG";
    private readonly ScratchHome home = new();

    public RecordingDocker()
    {
        var bin = Directory.CreateDirectory(Path.Combine(home.Folder, "bin")).FullName;
        var docker = Path.Combine(bin, "docker");
        File.WriteAllText(docker, $$"""
            #!/bin/sh
            printf 'docker %s | MINT_REHEARSAL_ONLY=%s\n' "$*" "${MINT_REHEARSAL_ONLY-<unset>}" >>"${{{LogVariable}}}"
            exit 1
            """ + "\n");
        File.SetUnixFileMode(docker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment = new Dictionary<string, string?>
        {
            ["PATH"] = $"{bin}:{System.Environment.GetEnvironmentVariable("PATH")}",
            ["HOME"] = home.Folder,
            [LogVariable] = LogFile,
            // A socket path that does not exist: the guard accepts it, and nothing can answer there.
            ["DOCKER_HOST"] = "unix:///nonexistent/mint-recording-docker.sock",
            ["DOCKER_CONTEXT"] = null,
            ["DOCKER_CONFIG"] = null,
            ["TESTCONTAINERS_HOST_OVERRIDE"] = null,
            ["MINT_REHEARSAL_ONLY"] = null,
        };
    }

    public IReadOnlyDictionary<string, string?> Environment { get; }

    public string Folder => home.Folder;

    private string LogFile => Path.Combine(home.Folder, "docker-calls.log");

    /// <summary>One line per docker call, in order: "docker ARGS | MINT_REHEARSAL_ONLY=VALUE".</summary>
    public IReadOnlyList<string> Calls() => File.Exists(LogFile) ? File.ReadAllLines(LogFile) : [];

    public void Dispose() => home.Dispose();
}
