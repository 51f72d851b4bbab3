using Mint.Verification.Runbooks;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>The machine id: made once, kept 0600, the same on every read, new under another system id (a clone given its own).</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class MachineIdTests
{
    private DirectoryInfo folder = null!;

    [SetUp]
    public void MakeFolder() => folder = Directory.CreateTempSubdirectory("mint-machine-id-");

    [TearDown]
    public void RemoveFolder() => folder.Delete(recursive: true);

    [Test]
    public void MadeOnceKeptPrivateAndReadAgain()
    {
        var path = Path.Combine(folder.FullName, "state", MachineId.FileName);

        var first = MachineId.LoadOrCreate(path, "system-a");
        var second = MachineId.LoadOrCreate(path, "system-a");

        Assert.Multiple(() =>
        {
            Assert.That(first, Does.Match("^[0-9a-f]{32}$"), "a 128-bit random id in hex");
            Assert.That(second, Is.EqualTo(first), "the id must be kept, not made again");
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "the id file must be 0600");
        });
    }

    [Test]
    public void AnotherSystemIdMakesANewId()
    {
        var path = Path.Combine(folder.FullName, MachineId.FileName);
        var original = MachineId.LoadOrCreate(path, "system-a");

        var clone = MachineId.LoadOrCreate(path, "system-b");

        Assert.That(clone, Is.Not.EqualTo(original), "a clone with its own system id copied this home: it must not share the original's id");
    }
}
