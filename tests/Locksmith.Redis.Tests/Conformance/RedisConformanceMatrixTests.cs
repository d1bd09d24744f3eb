using Locksmith.Conformance;

namespace Locksmith.Redis.Tests.Conformance;

/// <summary>Keeps the matrix honest: every conformance suite runs on every Redis topology.</summary>
public sealed class RedisConformanceMatrixTests
{
    private static readonly string[] Topologies = ["Redis", "Redlock", "Cluster"];

    [Fact]
    public void Every_conformance_suite_runs_on_single_server_redlock_and_cluster()
    {
        var suites = typeof(ConformanceTestBase).Assembly.GetExportedTypes()
            .Where(t => t.IsAbstract && t.IsSubclassOf(typeof(ConformanceTestBase)))
            .ToList();
        var concrete = typeof(RedisConformanceMatrixTests).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(ConformanceTestBase)))
            .ToList();

        var missing = from suite in suites
                      from topology in Topologies
                      let expected = topology + suite.Name
                      where !concrete.Any(t => t.Name == expected && t.IsSubclassOf(suite))
                      select expected;

        Assert.NotEmpty(suites);
        Assert.Empty(missing);
    }
}
