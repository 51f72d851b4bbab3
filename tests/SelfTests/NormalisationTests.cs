using System.Text.Json.Nodes;
using FluentAssertions;

namespace Mint.Verification.SelfTests;

/// <summary>The expected metadata of the intake rows is the contract's normalisation of the payload sent.</summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class NormalisationTests
{
    [Test]
    public void StringsAreTrimmedAndDecorationIsLowerCased()
    {
        var normalised = IntakePayloads.Normalised(MatrixRun.Current.Settings.Payloads.Valid(" marker "));

        normalised["product"]!.GetValue<string>().Should().Be("Cutover verification tee");
        normalised["decoration_type"]!.GetValue<string>().Should().Be("screen_print");
        normalised["garment"]!["style"]!.GetValue<string>().Should().Be("G500");
        normalised["notes"]!.GetValue<string>().Should().Be("marker");
        JsonNode.DeepEquals(normalised["garment"]!["sizes"], new JsonObject { ["M"] = 30, ["L"] = 20 }).Should().BeTrue();
    }
}
