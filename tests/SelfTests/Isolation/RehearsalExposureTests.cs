using Mint.Verification.Remote;

namespace Mint.Verification.SelfTests.Isolation;

/// <summary>
/// The rehearsal publishes on loopback only: the host world's containers, the stand-in old stacks
/// (127.0.0.1) and the unified stack a rehearsed cutover deploys (127.0.0.1 and the Tailscale
/// stand-in, TailscaleHost 127.0.0.2), read from the engine itself (<see cref="RehearsalPublishers"/>).
/// Before the cutover here; after it on the cutover the slow-cutover fault test runs anyway
/// (RunbookFaultTests.SlowCutoverAndForeignDigestsAfterASuccessfulCutover), so this proof costs no
/// cutover and rollback of its own (about 40 s of a 2-core machine, issue 19).
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Description("Issue 17 item 9: the rehearsal binds loopback only")]
[NonParallelizable]
public sealed class RehearsalExposureTests
{
    [Test]
    public async Task NoRehearsalContainerPublishesBeyondLoopbackBeforeTheCutover()
    {
        var target = await MatrixRun.Current.RehearsalHostTargetAsync();
        using var host = await SshDockerHost.ConnectAsync(target.Ssh!);
        var before = await RehearsalPublishers.AssertLoopbackOnlyAsync(host, "before the cutover");
        Assert.That(before, Is.Not.Empty, "no publisher of the host world or the old stacks was listed: the listing cannot be judged");
    }
}
