using Locksmith.Conformance;

namespace Locksmith.Redis.Tests.Conformance;

/// <summary>Keeps the matrix honest: every conformance suite runs on every Redis topology.</summary>
public sealed class RedisConformanceMatrixTests
{
    [Fact]
    public void Every_conformance_suite_runs_on_single_server_redlock_and_cluster() =>
        Assert.Empty(ConformanceMatrix.Missing(typeof(RedisConformanceMatrixTests).Assembly, "Redis", "Redlock", "Cluster"));

    [Fact]
    public void The_queue_suite_runs_on_single_server_and_cluster() =>
        Assert.Empty(ConformanceMatrix.MissingQueueSuites(typeof(RedisConformanceMatrixTests).Assembly, "Redis", "Cluster"));
}
