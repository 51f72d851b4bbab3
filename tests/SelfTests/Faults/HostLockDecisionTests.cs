using Mint.Verification.Runbooks;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// When a host lock may be replaced without asking: only when this machine's id took it and its
/// process is gone (or its pid now belongs to a later process); never for the same user@name on a
/// cloned machine, never for a record without a machine id; an owner-less directory only by age.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class HostLockDecisionTests
{
    private const string Here = "0123456789abcdef0123456789abcdef";
    private const string Clone = "fedcba9876543210fedcba9876543210";
    private const int Pid = 4242;

    [Test]
    public void GoneProcessOfThisMachineIsDead() =>
        Assert.That(Holder(Here, "ticks:100").Decide(Here, _ => null), Is.EqualTo(HostLockStanding.DeadHere), "its pid no longer runs here");

    [Test]
    public void PidReusedByALaterProcessIsDead() =>
        Assert.That(Holder(Here, "ticks:100").Decide(Here, Running("ticks:999")), Is.EqualTo(HostLockStanding.DeadHere), "the pid now belongs to a process that started later");

    [Test]
    public void RunningHolderOfThisMachineIsHeld() =>
        Assert.That(Holder(Here, "ticks:100").Decide(Here, Running("ticks:100")), Is.EqualTo(HostLockStanding.Held), "the holder still runs");

    [Test]
    public void CloneWithTheSameNameCannotBreakALiveLock() =>
        Assert.That(Holder(Clone, "ticks:100").Decide(Here, _ => null), Is.EqualTo(HostLockStanding.Held),
            "same user@MachineName but another machine id: its pid says nothing about this machine");

    [Test]
    public void RecordWithoutMachineIdIsNeverProvablyDead()
    {
        var old = HostLockHolder.Parse($"id=old\nwho={Environment.UserName}@{Environment.MachineName}\npid={Pid}\nmtime=1\nage=60");

        Assert.That(old.Decide(Here, _ => null), Is.EqualTo(HostLockStanding.Held), "a record from before machine ids only breaks by BreakHostLock");
    }

    [Test]
    public void FreshOwnerlessLockIsRefusedWithABreakValueNamingIt()
    {
        var ownerless = HostLockHolder.Parse("mtime=1700000000\nage=120");

        Assert.Multiple(() =>
        {
            Assert.That(ownerless.Decide(Here, _ => null), Is.EqualTo(HostLockStanding.Ownerless), "2 min old: it may be an acquisition in progress");
            Assert.That(ownerless.BreakValue, Is.EqualTo("ownerless-1700000000"), "the advice must carry a value that breaks exactly this directory");
        });
    }

    [Test]
    public void OwnerlessLockPastTheBoundIsReplaced() =>
        Assert.That(HostLockHolder.Parse($"mtime=1700000000\nage={HostLockHolder.OwnerlessBound.TotalSeconds + 1}").Decide(Here, _ => null),
            Is.EqualTo(HostLockStanding.OwnerlessExpired), "an owner-less lock older than the bound was left by a killed run");

    [Test]
    public void LockReleasedBeforeTheReadIsGone() =>
        Assert.That(HostLockHolder.Parse(string.Empty).Decide(Here, _ => null), Is.EqualTo(HostLockStanding.Gone), "no directory left: try again");

    [Test]
    public void ThisProcessHasAStableStartToken() =>
        Assert.That(ProcessStart.Of(Environment.ProcessId), Is.EqualTo(ProcessStart.Current).And.StartsWith("ticks:"), "the start token must be read the same way each time");

    [Test]
    public async Task EndedProcessHasNoStartToken()
    {
        using var ended = System.Diagnostics.Process.Start("true")!;
        await ended.WaitForExitAsync();
        var pid = ended.Id;

        Assert.That(ProcessStart.Of(pid), Is.Null, $"pid {pid} ended (reaped): it must read as not running");
    }

    private static HostLockHolder Holder(string machine, string started) =>
        HostLockHolder.Parse($"id=lock-1\nwho={Environment.UserName}@{Environment.MachineName}\nmachine={machine}\npid={Pid}\nstarted={started}\nmtime=1700000000\nage=30");

    private static Func<int, string?> Running(string token) => pid => pid == Pid ? token : null;
}
