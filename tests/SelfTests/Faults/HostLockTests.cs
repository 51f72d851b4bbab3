using FluentAssertions;
using Mint.Verification.Remote;
using Mint.Verification.Runbooks;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// One operator at a time on the docker-host: the second runbook fails at once naming the holder,
/// a dead holder's lock is only broken by naming its id, and a release never removes another's lock.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[NonParallelizable]
public sealed class HostLockTests
{
    [Test]
    public async Task SecondHolderIsRefusedAtOnceNamingTheFirst()
    {
        using var host = await Connect();
        await using var first = await HostLock.AcquireAsync(host, "Cutover", "@first", breakId: null);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var second = async () => await HostLock.AcquireAsync(host, "Rollback", "@second", breakId: null);

        var refusal = (await second.Should().ThrowAsync<InvalidOperationException>()).Which.Message;
        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "the refusal must not wait");
            Assert.That(refusal, Does.Contain("@first").And.Contain($"BreakHostLock={first.Id}"), "the refusal names the holder and how to break it");
        });
    }

    [Test]
    public async Task DeadHoldersLockIsBrokenOnlyByItsId()
    {
        using var host = await Connect();
        var dead = await HostLock.AcquireAsync(host, "Cutover", "@killed", breakId: null);

        var wrongId = async () => await HostLock.AcquireAsync(host, "Cutover", "@next", breakId: "20000101T000000Z-elsewhere-1");
        await wrongId.Should().ThrowAsync<InvalidOperationException>().WithMessage("*names no lock*");

        await using var next = await HostLock.AcquireAsync(host, "Cutover", "@next", breakId: dead.Id);
        await dead.DisposeAsync();
        var held = await host.RunAsync($"cat ~/{HostLock.Directory}/owner");
        Assert.That(held.Stdout, Does.Contain($"id={next.Id}"), "releasing the broken holder must leave the new holder's lock in place");
    }

    private static async Task<SshDockerHost> Connect() =>
        await SshDockerHost.ConnectAsync((await MatrixRun.HostWorldAsync()).Ssh(MatrixRun.Settings));
}
