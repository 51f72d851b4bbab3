using Mint.Verification.Settings;

namespace Mint.Verification.SelfTests.Consent;

/// <summary>
/// The repository's runsettings read with a given environment, as <see cref="SettingsReader.ReadForThisProcess"/>
/// reads a real one: the values and the list of names (so unknown MINT_* names are checked too).
/// </summary>
internal static class ConsentSettings
{
    public const string ChangeId = "LOOP-MINT-PROD-CUTOVER-EXECUTION-20260212";
    public const string HostKey = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    public static readonly string ProductionFile = RunSettingsFile.InRepository("production.runsettings");

    /// <summary>A response file (`dotnet test @FILE`) that selects the production settings.</summary>
    public static async Task<string> WriteProductionResponseFileAsync(string folder)
    {
        var responseFile = Path.Combine(folder, "production.rsp");
        await File.WriteAllTextAsync(responseFile, $"--settings{Environment.NewLine}{ProductionFile}{Environment.NewLine}");
        return responseFile;
    }

    /// <summary>production.runsettings with the pinned host key in its variable, plus the given variables and parameters.</summary>
    public static VerificationSettings Production(IReadOnlyDictionary<string, string> variables, params (string Key, string Value)[] overrides) =>
        Read("production.runsettings", new Dictionary<string, string>(variables) { [OperatorVariables.HostKey] = HostKey }, overrides);

    public static VerificationSettings Rehearsal(IReadOnlyDictionary<string, string> variables, params (string Key, string Value)[] overrides) =>
        Read("rehearsal.runsettings", variables, overrides);

    /// <summary>The problems a read is refused with; fails the test when it is not refused.</summary>
    public static IReadOnlyList<string> Problems(Func<VerificationSettings> read, string what)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            read();
        }
        catch (SettingsException refused)
        {
            return refused.Problems;
        }

        Assert.Fail($"{what} was read without a problem; it must be refused before anything runs.");
        return [];
    }

    private static VerificationSettings Read(string file, IReadOnlyDictionary<string, string> variables, (string Key, string Value)[] overrides)
    {
        var parameters = RunSettingsFile.ReadParameters(RunSettingsFile.InRepository(file));
        foreach (var (key, value) in overrides)
        {
            parameters[key] = value;
        }

        return SettingsReader.Read(parameters, name => variables.GetValueOrDefault(name), variables.Keys);
    }
}
