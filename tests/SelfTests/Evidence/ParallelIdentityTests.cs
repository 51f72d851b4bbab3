using Mint.Verification.Evidence;
using NUnit.Framework.Internal;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>
/// The evidence writer reads NUnit's test tree from every parallel worker at once. Reading must not
/// write: a parent without categories once made Pre-4 fail at random with "An item with the same key
/// has already been added. Key: Category".
/// </summary>
[TestFixture]
[Category("SelfTest")]
[Category("Unit")]
public sealed class ParallelIdentityTests
{
    private const int Tests = 64;
    private const int Rounds = 200;

    [Test]
    public void ManyThreadsReadTestsWhoseParentsHaveNoPropertiesWithoutChangingThem()
    {
        var assembly = new TestSuite("Samples.dll");
        var fixture = new TestSuite("Mint.Verification.Samples", "SampleRows");
        assembly.Add(fixture);
        var method = new MethodWrapper(typeof(ParallelIdentityTests), nameof(SampleRow));
        var tests = Enumerable.Range(0, Tests).Select(_ =>
        {
            var test = new TestMethod(method, fixture);
            fixture.Add(test);
            return test;
        }).ToList();

        var identities = new System.Collections.Concurrent.ConcurrentBag<TestIdentity>();
        Parallel.For(0, Tests * Rounds, new ParallelOptions { MaxDegreeOfParallelism = 16 }, index =>
            identities.Add(TestIdentity.From(tests[index % Tests])));

        Assert.Multiple(() =>
        {
            Assert.That(identities, Has.Count.EqualTo(Tests * Rounds), "every read returned an identity");
            Assert.That(identities.Select(identity => identity.Categories.Count), Is.All.EqualTo(0), "nobody has a category");
            Assert.That(fixture.Properties.Keys, Is.Empty, "reading the fixture's categories added a key to it");
            Assert.That(assembly.Properties.Keys, Is.Empty, "reading the assembly's categories added a key to it");
        });
    }

    /// <summary>The method the sample tests stand for; it is never run.</summary>
    public static void SampleRow()
    {
    }
}
