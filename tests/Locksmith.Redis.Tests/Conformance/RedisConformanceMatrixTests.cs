using Locksmith.Conformance;

namespace Locksmith.Redis.Tests.Conformance;

/// <summary>Keeps the matrix honest: every conformance suite runs on every Redis topology.</summary>
public sealed class RedisConformanceMatrixTests
{
    [Fact]
    public void Every_conformance_suite_runs_on_single_server_and_cluster() =>
        Assert.Empty(ConformanceMatrix.Missing(typeof(RedisConformanceMatrixTests).Assembly, "Redis", "Cluster"));

    /// <summary>Redlock refuses reader-writer locks by design (RedlockReaderWriterTests checks the refusal); every other suite runs on it.</summary>
    [Fact]
    public void Every_conformance_suite_but_reader_writer_locks_runs_on_redlock() =>
        Assert.Empty(ConformanceMatrix.MissingExcept(typeof(RedisConformanceMatrixTests).Assembly, typeof(ReaderWriterConformanceTests), "Redlock"));

    [Fact]
    public void The_queue_suite_runs_on_single_server_and_cluster() =>
        Assert.Empty(ConformanceMatrix.MissingQueueSuites(typeof(RedisConformanceMatrixTests).Assembly, "Redis", "Cluster"));
}
