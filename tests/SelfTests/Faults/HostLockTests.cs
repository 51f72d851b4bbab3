using FluentAssertions;
using Mint.Verification.Remote;
using Mint.Verification.Runbooks;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// One operator at a time on the docker-host: the second runbook fails at once naming the holder,
/// a lock from another machine (a clone with the same name too) is only broken by naming its id, a
/// holder that died on this machine is replaced, an owner-less lock is broken by the advised value
/// or by age, and a release never removes another's lock. Needs the host world.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[NonParallelizable]
public sealed class HostLockTests
{
    [Test]
    public async Task SecondHolderIsRefusedAtOnceNamingTheFirst()
    {
        using var host = await HostWorldSsh.ConnectAsync();
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
        using var host = await HostWorldSsh.ConnectAsync();
        var dead = await HostLock.AcquireAsync(host, "Cutover", "@killed", breakId: null);

        var wrongId = async () => await HostLock.AcquireAsync(host, "Cutover", "@next", breakId: "20000101T000000Z-elsewhere-1");
        await wrongId.Should().ThrowAsync<InvalidOperationException>().WithMessage("*names no lock*");

        await using var next = await HostLock.AcquireAsync(host, "Cutover", "@next", breakId: dead.Id);
        await dead.DisposeAsync();
        var held = await host.RunAsync($"cat ~/{HostLock.Directory}/owner");
        Assert.That(held.Stdout, Does.Contain($"id={next.Id}"), "releasing the broken holder must leave the new holder's lock in place");
    }

    [Test]
    public async Task CloneWithTheSameNameCannotBreakALiveLock()
    {
        using var host = await HostWorldSsh.ConnectAsync();
        // Another machine's record: same user@MachineName (a cloned VM), its own machine id, a pid that does not run here.
        var planted = await PlantAsync(host, "machine=fedcba9876543210fedcba9876543210", "pid=999999", "started=ticks:1");
        try
        {
            var take = async () => await HostLock.AcquireAsync(host, "Cutover", "@clone", breakId: null);

            var refusal = (await take.Should().ThrowAsync<InvalidOperationException>()).Which.Message;
            Assert.That(refusal, Does.Contain($"BreakHostLock={planted}"), "the clone's live lock must be refused with the value that breaks it");
        }
        finally
        {
            await host.RunAsync($"grep -qx id={planted} ~/{HostLock.Directory}/owner && rm -rf ~/{HostLock.Directory}");
        }
    }

    [Test]
    public async Task DeadHolderOfThisMachineIsReplaced()
    {
        using var host = await HostWorldSsh.ConnectAsync();
        // This machine's id and this very pid, but another start time: the pid was reused after the holder died.
        var planted = await PlantAsync(host, $"machine={MachineId.Current}", $"pid={Environment.ProcessId}", "started=ticks:0");

        await using var next = await HostLock.AcquireAsync(host, "Cutover", "@next", breakId: null);

        Assert.That(next.BrokenDeadHolder, Does.StartWith(planted), "a holder that provably died here must be replaced, and said so");
    }

    [Test]
    public async Task OwnerlessLockIsRefusedWithAWorkingBreakValue()
    {
        using var host = await HostWorldSsh.ConnectAsync();
        await host.RunAsync($"mkdir ~/{HostLock.Directory}");

        var take = async () => await HostLock.AcquireAsync(host, "Cutover", "@next", breakId: null);

        var refusal = (await take.Should().ThrowAsync<InvalidOperationException>()).Which.Message;
        var value = System.Text.RegularExpressions.Regex.Match(refusal, "BreakHostLock=(ownerless-[0-9]+)").Groups[1].Value;
        Assert.That(value, Is.Not.Empty, "the refusal must name a BreakHostLock value: " + refusal);
        await using var next = await HostLock.AcquireAsync(host, "Cutover", "@next", breakId: value);
        Assert.That((await host.RunAsync($"cat ~/{HostLock.Directory}/owner")).Stdout, Does.Contain($"id={next.Id}"), "the advised value must break the owner-less lock");
    }

    [Test]
    public async Task OwnerlessLockPastItsBoundIsReplaced()
    {
        using var host = await HostWorldSsh.ConnectAsync();
        await host.RunAsync($"mkdir ~/{HostLock.Directory} && touch -d '-{HostLockHolder.OwnerlessBound.TotalMinutes + 1:0} minutes' ~/{HostLock.Directory}");

        await using var next = await HostLock.AcquireAsync(host, "Cutover", "@next", breakId: null);

        Assert.That(next.BrokenDeadHolder, Does.Contain("no owner record"), "an owner-less lock older than the bound must be replaced, and said so");
    }

    /// <summary>Writes an owner record by hand, as another run would have; returns its id.</summary>
    private static async Task<string> PlantAsync(SshDockerHost host, params string[] facts)
    {
        var id = $"planted-{Guid.NewGuid():N}";
        var owner = string.Join('\n', [$"id={id}", "runbook=Cutover", "operator=@planted", $"who={Environment.UserName}@{Environment.MachineName}", .. facts]);
        var plant = await host.RunAsync($"mkdir ~/{HostLock.Directory} && printf '%s\\n' {ShellQuote.Quote(owner)} > ~/{HostLock.Directory}/owner");
        Assert.That(plant.Succeeded, Is.True, "planting a lock (is one left over?): " + plant.Transcript());
        return id;
    }
}
