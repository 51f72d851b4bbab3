using System.Security.Cryptography;
using System.Text;

namespace Mint.Verification.SelfTests.Isolation;

/// <summary>
/// A home directory of its own for one test: Docker contexts, config.json and
/// .testcontainers.properties are written here, never in the real home.
/// </summary>
public sealed class ScratchHome : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("iso-test-home-").FullName;

    public string DockerConfig => Path.Combine(Folder, ".docker");

    /// <summary>A context as `docker context create` stores it (meta.json below the sha256 of its name).</summary>
    public void AddContext(string name, string host)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        var folder = Directory.CreateDirectory(Path.Combine(DockerConfig, "contexts", "meta", hash)).FullName;
        var meta = new { Name = name, Metadata = new { }, Endpoints = new { docker = new { Host = host, SkipTLSVerify = false } } };
        File.WriteAllText(Path.Combine(folder, "meta.json"), System.Text.Json.JsonSerializer.Serialize(meta));
    }

    /// <summary>What `docker context use NAME` writes.</summary>
    public void UseContext(string name)
    {
        Directory.CreateDirectory(DockerConfig);
        File.WriteAllText(Path.Combine(DockerConfig, "config.json"), $$"""
            {
              "auths": {},
              "currentContext": "{{name}}"
            }
            """);
    }

    public void SetTestcontainersProperty(string key, string value) =>
        File.AppendAllText(Path.Combine(Folder, ".testcontainers.properties"), $"# written by a self-test{Environment.NewLine}{key}={value}{Environment.NewLine}");

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
