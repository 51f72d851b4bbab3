namespace Mint.Verification.PostCutover;

/// <summary>Post-5 and Post-6: the intake contract is enforced by POST :3400/api/v1/intake/validate.</summary>
[TestFixture]
[Category("Post")]
public sealed class ValidationRows
{
    [Test]
    [MatrixRow("Post-5")]
    [Description("Contract validation: POST :3400/api/v1/intake/validate -> valid=true for valid payload")]
    public async Task Post5_ValidContractIsAccepted()
    {
        var target = await MatrixRun.TargetAsync();
        RowAssert.Passed(await ValidationChecks.AcceptsValidAsync("Post-5", target, MatrixRun.Http, MatrixRun.Marker));
    }

    [Test]
    [MatrixRow("Post-6")]
    [Description("Negative validation: POST :3400/api/v1/intake/validate -> valid=false, HTTP 422 for invalid")]
    public async Task Post6_InvalidContractIsRejectedWith422()
    {
        var target = await MatrixRun.TargetAsync();
        RowAssert.Passed(await ValidationChecks.RejectsInvalidAsync("Post-6", target, MatrixRun.Http));
    }
}
