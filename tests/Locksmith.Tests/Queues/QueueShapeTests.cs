using Locksmith.Queues;
using Locksmith.Weaving;

namespace Locksmith.Tests.Queues;

/// <summary>What the queue weaving refuses or computes before any transport is involved.</summary>
public sealed class QueueShapeTests
{
    [Fact]
    public void A_method_returning_a_value_without_AwaitResult_is_refused_with_the_fix()
    {
        var refused = Assert.Throws<NotSupportedException>(() => QueuePlan.For(typeof(Shapes).GetMethod(nameof(Shapes.CountAsync))!));

        Assert.Contains("AwaitResult = true", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_async_void_method_is_refused()
    {
        var refused = Assert.Throws<NotSupportedException>(() => QueuePlan.For(typeof(Shapes).GetMethod(nameof(Shapes.FireAndForget))!));

        Assert.Contains("async void", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_queue_name_that_cannot_be_part_of_a_key_is_refused()
    {
        var refused = Assert.Throws<ArgumentException>(() => QueuePlan.For(typeof(Shapes).GetMethod(nameof(Shapes.BadNameAsync))!));

        Assert.Contains("orders:{x}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_method_id_names_generic_parameter_types_without_assembly_versions_and_leaves_out_tokens()
    {
        var id = QueuedMethodId.For(typeof(Shapes), "Run", [typeof(List<Dictionary<string, int[]>>), typeof(CancellationToken), typeof(Shapes.Nested)]);

        Assert.Equal(
            "Locksmith.Tests.Queues.Shapes.Run(System.Collections.Generic.List<System.Collections.Generic.Dictionary<System.String,System.Int32[]>>,Locksmith.Tests.Queues.Shapes.Nested)",
            id);
    }

    [Fact]
    public void Retries_wait_longer_after_each_failure_up_to_the_maximum()
    {
        var options = QueueOptions.Default with { RetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromMilliseconds(350) };

        Assert.InRange(QueueRetries.DelayBefore(2, options).TotalMilliseconds, 80, 100);
        Assert.InRange(QueueRetries.DelayBefore(3, options).TotalMilliseconds, 160, 200);
        Assert.InRange(QueueRetries.DelayBefore(10, options).TotalMilliseconds, 280, 350);
    }

    [Fact]
    public void Keyed_items_always_go_to_the_same_partition_and_unkeyed_ones_are_spread()
    {
        Assert.Equal(QueuePartitioner.For("customer-42", 8), QueuePartitioner.For("customer-42", 8));
        Assert.Equal(8, Enumerable.Range(0, 64).Select(_ => QueuePartitioner.For(null, 8)).Distinct().Count());
        Assert.InRange(Enumerable.Range(0, 1000).Select(i => QueuePartitioner.For($"k{i}", 8)).Distinct().Count(), 8, 8);
    }
}

#pragma warning disable CA1822, CA1034
public sealed class Shapes
{
    [QueuedBy("shapes")]
    public Task<int> CountAsync() => Task.FromResult(1);

    [QueuedBy("shapes")]
    public async void FireAndForget() => await Task.Yield();

    [QueuedBy("orders:{x}")]
    public Task BadNameAsync() => Task.CompletedTask;

    public sealed class Nested;
}
#pragma warning restore CA1822, CA1034
