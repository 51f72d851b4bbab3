using Mint.Verification.Faults;
using Mint.Verification.Remote;
using Mint.Verification.Runbooks.Steps;
using Mint.Verification.Runbooks;
using Mint.Verification.Runbooks.Cutover;
using Mint.Verification.Worlds;
using static Mint.Verification.SelfTests.Faults.PreStageFaultTests;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// The cutover's step 0 (issue 18 item 1): the whole Pre gate again, and the host compared with the
/// snapshot the night's Pre gate recorded. Each fault changes the host world after (or, for the
/// old stack's own compose name, before) the Pre snapshot, runs the real cutover, and the cutover
/// must refuse before step 1 naming the change, with every container as it was before the run.
/// Each test puts the world back in its before state and proves it (Pre-8 healthy).
/// </summary>
[TestFixture]
[Category("SelfTest")]
[NonParallelizable]
[Description("Cutover step 0, issue 18 deliverable 1 and 7")]
public sealed class GateFaultTests
{
    private static readonly string[] AllCutoverSteps = RunbookFaultTests.AllCutoverSteps;

    [Test]
    public async Task ANetworkRemovedAfterThePreGateRefusesTheCutover() =>
        await WithHost(async (target, host) =>
        {
            await PreGateSnapshot.RecordAsync(host, target);
            var network = HostWorldNames.StorageNetwork;
            var attached = (await host.RunAsync($"docker network inspect --format '{{{{range .Containers}}}}{{{{.Name}}}} {{{{end}}}}' {network}")).Stdout
                .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            try
            {
                await Run(host, string.Join(" && ", attached.Select(c => $"docker network disconnect {network} {c}").Append($"docker network rm {network}")));
                var run = await RefusedAsync(target, host, "external network storage-network removed after the Pre gate", $"network {network}: removed since the Pre gate");
                Assert.That(run.Steps[0].Message, Does.Contain($"Pre-7: external network '{network}' is missing"), "step 0 re-runs Pre-7, which names the network");
            }
            finally
            {
                // Put the network back as the world made it, with the aliases the modules use.
                var reconnect = attached.Select(c => $"{{ docker network connect --alias {(c == HostWorldNames.S3 ? HostWorldNames.S3Alias : c)} {network} {c} 2>/dev/null || true; }}");
                await Run(host, string.Join(" ; ", reconnect.Prepend($"{{ docker network inspect {network} >/dev/null 2>&1 || docker network create --label {ModuleWorld.WorldLabel}=host {network}; }}")));
            }
        });

    [Test]
    public async Task QuotePageRecreatedAfterThePreGateIsAStaleGate() =>
        await WithHost(async (target, host) =>
        {
            await PreGateSnapshot.RecordAsync(host, target);
            await Run(host, "cd ~/quote-page && docker compose up -d --force-recreate --wait --wait-timeout 60");
            var run = await RefusedAsync(target, host, "quote-page recreated after the Pre gate (stale gate)", "quote-page: container recreated since the Pre gate at");
            Assert.That(run.Steps[0].Message, Does.Contain("failed: Snapshot.").And.Contain("run Pre again to accept the new state"), "only the stale-gate check fails; the Pre rows pass on the recreated, healthy container");
        });

    /// <summary>
    /// ~/artwork-module's compose file sets `name: artwork`: its files-api runs under project
    /// artwork. A gate that judged "past step 4" from labels skipped itself here and Cutover-4
    /// reported "already done" without stopping anything; now Ready-4 refuses in Pre and in step 0,
    /// and Cutover-4 on its own stops the container instead of calling it done.
    /// </summary>
    [Test]
    public async Task AnOldArtworkStackWithItsOwnComposeNameIsRefusedByReadyFourAndStepZero() =>
        await WithHost(async (target, host) =>
        {
            const string Named = "cd ~/artwork-module && docker compose down && sed -i '1i name: artwork' docker-compose.yml && docker compose up -d --wait --wait-timeout 60";
            await Run(host, Named);
            try
            {
                // Ready-4 names the compose name; Ready-5 the port 3500 its container holds, which no step would free.
                var pre = await Stages.PreAsync(await Ssh(), MatrixRun.Current.Settings, MatrixRun.Current.Tools, target);
                var outcome = FaultCatalogue.Judge("old ~/artwork-module compose with its own name: artwork (Pre)", ["Ready-4", "Ready-5"], pre, "artwork", MatrixRun.ResultsDirectory);
                Assert.Multiple(() =>
                {
                    Assert.That(outcome.Detected, Is.True, $"{outcome}{Environment.NewLine}{string.Join(Environment.NewLine, pre.Where(r => !r.Passed).Select(r => r.Describe()))}");
                    Assert.That(pre.Single(r => r.Row == "Ready-4").Problems, Has.Some.Contains("resolves to project 'artwork'"), "Ready-4 names the project");
                    Assert.That(pre.Single(r => r.Row == "Ready-5").Problems, Has.Some.Contains("held by container files-api (compose project artwork)"), "Ready-5 names the holder of 3500");
                });
                await PreGateSnapshot.RecordAsync(host, target);
                await RefusedAsync(target, host, "old ~/artwork-module compose with its own name: artwork (cutover)", "Ready-4: ~/artwork-module/docker-compose.yml resolves to project 'artwork'");

                var alone = await RunbookRunner.RunStepAsync(new StopOldStackStep(CutoverStepRows.StopOldArtwork, "artwork-module", "files-api"), new RunbookContext(MatrixRun.Current.Settings, target, host, MatrixRun.ResultsDirectory));
                Assert.That(alone.Status, Is.EqualTo(StepStatus.Done), $"Cutover-4 must stop the old files-api of project artwork, not call it already done: {alone.Status} {alone.Message}");
            }
            finally
            {
                await RemoteJournal.ForgetAsync(host, key => key == HostClock.StoppingKey);
                await Run(host, "cd ~/artwork-module && docker compose down && sed -i '1{/^name: artwork$/d}' docker-compose.yml && docker compose up -d --wait --wait-timeout 60");
            }
        });

    /// <summary>Runs the real cutover; it must refuse at step 0 naming <paramref name="cause"/> on every step's row, changing no container.</summary>
    private static async Task<RunbookRun> RefusedAsync(Targets.TargetUnderTest target, SshDockerHost host, string fault, string cause)
    {
        var before = await Containers(host);
        var run = await CutoverRunbook.RunAsync(new RunbookContext(MatrixRun.Current.Settings, target, host, MatrixRun.ResultsDirectory), "gate fault");
        var outcome = FaultCatalogue.Judge(fault, AllCutoverSteps, [.. run.Steps.Select(s => s.ToCheckResult())], cause, MatrixRun.ResultsDirectory);
        var after = await Containers(host);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Detected, Is.True, $"{outcome}{Environment.NewLine}{string.Join(Environment.NewLine, run.Steps.Select(s => $"{s.Id} {s.Status} {s.Message}"))}");
            Assert.That(run.Steps[0].Message, Does.Contain("refused at step 0 (the Pre gate), nothing was stopped"), "the refusal says nothing was stopped");
            Assert.That(after, Is.EqualTo(before), "a cutover refused at step 0 must change no container");
        });
        return run;
    }

    /// <summary>Every container on the host with its id, state and image: what "changed nothing" is judged on.</summary>
    private static async Task<string> Containers(SshDockerHost host)
    {
        var listing = await host.RunAsync(HostWorldListing.Command("{{.ID}} {{.Names}} {{.State}} {{.Image}}"));
        Assert.That(listing.Succeeded, Is.True, listing.Transcript());
        return listing.Stdout;
    }

    /// <summary>Runs a fault on the host world before step 4 (one runbook at a time), then waits (bounded) for the before state: old stacks healthy.</summary>
    private static async Task WithHost(Func<Targets.TargetUnderTest, SshDockerHost, Task> fault)
    {
        using var exclusive = await RunbookContext.ExclusiveAsync(TimeSpan.FromMinutes(15));
        var target = await MatrixRun.Current.RehearsalHostTargetAsync();
        using var host = await SshDockerHost.ConnectAsync(target.Ssh!);
        Assert.That((await RemoteJournal.ReadAsync(host)).ContainsKey(HostClock.StoppingKey), Is.False, "the host world must be before step 4 (an earlier test left it cut over: ./verify.sh down)");
        await fault(target, host);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var pre8 = await HostChecks.OldContainersHealthyAsync("Pre-8", host);
        while (!pre8.Passed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            pre8 = await HostChecks.OldContainersHealthyAsync("Pre-8", host);
        }

        Assert.That(pre8.Problems, Is.Empty, "the world is not back in its before state: " + pre8.Describe());
    }
}
