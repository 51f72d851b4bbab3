using System.Globalization;
using Mint.Verification.Commands;
using Mint.Verification.Remote;
using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// A stage run as the operator runs it (README's quiet command, in a child process with its own
/// results directory), optionally killed with SIGKILL, with every process it started, a moment
/// after the console shows a step starting: the way a laptop dies or a terminal is closed mid-step.
/// </summary>
internal sealed class InterruptedRun(string resultsDirectory)
{
    public static readonly TimeSpan Bound = TimeSpan.FromMinutes(6);

    /// <summary>Runs the stage to its end; the console output and exit code come back.</summary>
    public Task<CommandResult> CompleteAsync(string stage) => RunAsync(stage, killAt: null, delay: TimeSpan.Zero);

    /// <summary>Runs the stage to its end with another runsettings file (`--settings`), e.g. one with settings left empty (the command line cannot pass an empty value).</summary>
    public Task<CommandResult> CompleteAsync(string stage, string settingsFile) =>
        RunAsync(stage, killAt: null, delay: TimeSpan.Zero, settingsFile);

    /// <summary>
    /// Runs the stage and kills its whole process group (dotnet test, MSBuild, vstest, the test
    /// host) <paramref name="delay"/> after the console shows "<paramref name="killAt"/> start".
    /// </summary>
    public Task<CommandResult> KillAsync(string stage, string killAt, TimeSpan delay) => RunAsync(stage, killAt, delay);

    /// <summary>The rows of a run's closing summary as verdicts ("  Cutover-4  PASS ..."), for the catalogue.</summary>
    public static IReadOnlyList<Checks.CheckResult> SummaryRows(string console)
    {
        var rows = new List<Checks.CheckResult>();
        var inSummary = false;
        foreach (var line in console.Split('\n'))
        {
            if (line.StartsWith("── summary", StringComparison.Ordinal))
            {
                inSummary = true;
                continue;
            }

            if (!inSummary || line.StartsWith("───", StringComparison.Ordinal))
            {
                inSummary = false;
                continue;
            }

            // "  <row> <VERDICT> <text>"; the figure and evidence lines after the rows have no verdict word.
            var parts = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[1] is "PASS" or "FAIL" or "NOT" or "PLANNED" or "SKIPPED" or "INCONCLUSIVE")
            {
                var row = new Checks.CheckResult(parts[0], "resumed run").Observe(line.Trim());
                rows.Add(parts[1] == "PASS" ? row : row.Fail(line.Trim()));
            }
        }

        return rows;
    }

    private async Task<CommandResult> RunAsync(string stage, string? killAt, TimeSpan delay, string? settingsFile = null)
    {
        // setsid: the child is the leader of its own process group, so one kill reaches every
        // process it started (a surviving test host would go on changing the host).
        // README's command; a 3 s stabilisation keeps the seven phases' resumed runs short (the
        // 10 s window itself is proven by the drill and RunbookFaultTests).
        var settings = settingsFile is null ? string.Empty : $"--settings {ShellQuote.Quote(settingsFile)} ";
        var command = $"dotnet test tests/Runbooks --no-build -v q {settings}--filter Category={stage} -- 'TestRunParameters.Parameter(name=\"StabilizationSeconds\", value=\"3\")'";
        var script = killAt is null
            ? $"exec {command}"
            : $"{command} 2>&1 | while IFS= read -r line; do printf '%s\\n' \"$line\"; case \"$line\" in *'{killAt} '*' start '*) sleep {delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}; echo '[interrupted-run] SIGKILL to the process group'; kill -9 -- -$$ ;; esac; done";
        var run = await new ProcessRunner(Bound).RunAsync(
            "setsid", ["--wait", "bash", "-c", script], RepositoryRoot.Path,
            new Dictionary<string, string?> { ["MINT_ALLURE_RESULTS"] = resultsDirectory, ["MINT_PLANTED_SECRET"] = Environment.GetEnvironmentVariable("MINT_PLANTED_SECRET") });
        // Where a chain of runs spends its time (the test's output, for the performance table).
        TestContext.Out.WriteLine($"[interrupted-run] {stage}{(killAt is null ? " to its end" : $" killed {delay.TotalSeconds:0.0} s into {killAt}")}: {run.Elapsed.TotalSeconds:0.0} s");
        return run;
    }
}
