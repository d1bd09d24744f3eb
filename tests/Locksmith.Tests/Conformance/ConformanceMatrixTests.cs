using Locksmith.Conformance;

namespace Locksmith.Tests.Conformance;

/// <summary>Keeps the matrix honest: every conformance class must run against every backend this project covers.</summary>
public sealed class ConformanceMatrixTests
{
    [Fact]
    public void Every_conformance_suite_has_a_subclass_for_every_backend() =>
        Assert.Empty(ConformanceMatrix.Missing(typeof(ConformanceMatrixTests).Assembly, "InMemory"));

    [Fact]
    public void The_queue_suite_runs_on_the_in_memory_transport() =>
        Assert.Empty(ConformanceMatrix.MissingQueueSuites(typeof(ConformanceMatrixTests).Assembly, "InMemory"));
}
