using Mint.Verification.PostCutover;
using Mint.Verification.Testing;
using NUnit.Framework;

// Outside any namespace: NUnit runs it once for the whole assembly, before any test.
[SetUpFixture]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1050:Declare types in namespaces", Justification = "NUnit runs a namespace-less SetUpFixture once per assembly.")]
public sealed class AssemblySetUp : MatrixAssemblySetUp
{
    // One project, two stages: the soak's failure ends with the soak's stop block.
    protected override string? Gate => SoakRows.Started ? "Soak" : "Post";
}
