using Locksmith.Conformance;

namespace Locksmith.Tests.Conformance;

/// <summary>Keeps the matrix honest: every conformance class must run against every backend this project covers.</summary>
public sealed class ConformanceMatrixTests
{
    private static readonly string[] Backends = ["InMemory"];

    [Fact]
    public void Every_conformance_suite_has_a_subclass_for_every_backend()
    {
        var suites = typeof(ConformanceTestBase).Assembly.GetExportedTypes()
            .Where(t => t.IsAbstract && t.IsSubclassOf(typeof(ConformanceTestBase)))
            .ToList();
        var concrete = typeof(ConformanceMatrixTests).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(ConformanceTestBase)))
            .ToList();

        var missing = from suite in suites
                      from backend in Backends
                      let expected = backend + suite.Name
                      where !concrete.Any(t => t.Name == expected && t.IsSubclassOf(suite))
                      select expected;

        Assert.NotEmpty(suites);
        Assert.Empty(missing);
    }
}
