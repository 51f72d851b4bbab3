using Mint.Verification.Modules;
using Mint.Verification.Remote;
using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;
using Mint.Verification.Runbooks.Cutover;
using static Mint.Verification.SelfTests.Faults.PreStageFaultTests;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// A .env.prod left by an earlier attempt, with every key name right but an old FILES_API_KEY: Cutover-1
/// alone, on the host world before step 4, must rewrite it and name the key, then find it done. The
/// file the world had before is put back.
/// </summary>
[TestFixture]
[Category("SelfTest")]
[NonParallelizable]
[Description("Cutover-1, issue 18 deliverable 2")]
public sealed class StaleEnvProdTests
{
    private const string StaleValue = "stale-key-from-an-earlier-attempt";
    private static readonly string EnvPath = $"~/{DeployLayout.UnifiedDirectory}/{DeployLayout.EnvFile}";

    [Test]
    public async Task AStaleEnvProdIsRewrittenNamingTheKeyNeverTheValue()
    {
        using var exclusive = await RunbookContext.ExclusiveAsync(TimeSpan.FromMinutes(15));
        var target = await MatrixRun.Current.RehearsalHostTargetAsync();
        using var host = await SshDockerHost.ConnectAsync(target.Ssh!);
        if ((await RemoteJournal.ReadAsync(host)).ContainsKey(HostClock.StoppingKey))
        {
            // An earlier self-test left the world past step 4 (its unified stack running): the
            // rollback brings back the old stacks, the state in which Cutover-1 compares values.
            var rollback = await RollbackRunbook.RunAsync(new RunbookContext(MatrixRun.Current.Settings, target, host, MatrixRun.ResultsDirectory));
            Assert.That(rollback.Steps.Select(s => s.Status), Is.All.AnyOf(StepStatus.Done, StepStatus.AlreadyDone), "restoring the before state: " + string.Join("; ", rollback.Steps.Select(s => $"{s.Id} {s.Status} {s.Message}")));
        }

        Assert.That((await RemoteJournal.ReadAsync(host)).ContainsKey(HostClock.StoppingKey), Is.False, "the host world must be before step 4, where Cutover-1 compares values");
        await Run(host, $"mkdir -p ~/{DeployLayout.UnifiedDirectory} && if [ -f {EnvPath} ]; then cp -p {EnvPath} {EnvPath}.fault-kept; fi");
        try
        {
            var context = new RunbookContext(MatrixRun.Current.Settings, target, host, MatrixRun.ResultsDirectory);
            var first = await RunbookRunner.RunStepAsync(new BootstrapEnvStep(), context);
            Assert.That(first.Status, Is.AnyOf(StepStatus.Done, StepStatus.AlreadyDone), "Cutover-1 must write tonight's file: " + first.Message);
            await Run(host, $"sed -i \"s/^FILES_API_KEY=.*/FILES_API_KEY='{StaleValue}'/\" {EnvPath} && test \"$(stat -c %a {EnvPath})\" = 600");

            var stale = await RunbookRunner.RunStepAsync(new BootstrapEnvStep(), context);
            var again = await RunbookRunner.RunStepAsync(new BootstrapEnvStep(), context);

            Assert.Multiple(() =>
            {
                Assert.That(stale.Status, Is.EqualTo(StepStatus.Done), "a file with tonight's key names but an old value must not be 'already done': " + stale.Message);
                Assert.That(stale.Message, Is.EqualTo("rewritten: FILES_API_KEY differed from the night's value"), "the row names the stale key");
                Assert.That(stale.ToCheckResult().Describe(), Does.Not.Contain(StaleValue), "the old value appears nowhere in the row");
                Assert.That(again.Status, Is.EqualTo(StepStatus.AlreadyDone), "after the rewrite the file is tonight's: " + again.Message);
                Assert.That(again.Message, Does.Contain("every value equal to tonight's"), "already done says the values were compared");
            });
        }
        finally
        {
            await Run(host, $"if [ -f {EnvPath}.fault-kept ]; then mv {EnvPath}.fault-kept {EnvPath}; else rm -f {EnvPath}; fi");
        }
    }
}
