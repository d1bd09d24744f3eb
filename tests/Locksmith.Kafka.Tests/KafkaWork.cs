using System.Collections.Concurrent;

namespace Locksmith.Kafka.Tests;

/// <summary>Which simulated process ran a body.</summary>
public sealed record ProcessTag(string Name);

/// <summary>One body run: who ran it, what, from which partition, and when (<see cref="TimeProvider.System"/> timestamp).</summary>
public sealed record KafkaRun(string Process, string Method, string Key, int Sequence, int Partition, long At);

/// <summary>What the bodies did, shared by every simulated process of a test.</summary>
public sealed class KafkaJournal
{
    private readonly ConcurrentQueue<KafkaRun> _runs = new();

    private volatile bool _block;

    /// <summary>Whether the slow body waits for its token to be cancelled.</summary>
    public bool Block
    {
        get => _block;
        set => _block = value;
    }

    /// <summary>Opened by a test to let the gated bodies run.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<KafkaRun> Of(string method) => [.. _runs.Where(r => r.Method == method)];

    public void Ran(ProcessTag process, string method, string key, int sequence) =>
        _runs.Enqueue(new KafkaRun(process.Name, method, key, sequence, QueuedItem.Current?.Partition ?? -1, TimeProvider.System.GetTimestamp()));
}

/// <summary>The queued methods the Kafka tests call.</summary>
public sealed class KafkaWork(KafkaJournal journal, ProcessTag process)
{
    [QueuedBy("k-order", PartitionKey = "{key}")]
    public Task OrderAsync(string key, int sequence)
    {
        journal.Ran(process, "order", key, sequence);
        return Task.CompletedTask;
    }

    [QueuedBy("k-slow", PartitionKey = "{key}")]
    public async Task SlowAsync(string key, CancellationToken cancellationToken)
    {
        journal.Ran(process, "slow-start", key, 0);
        if (journal.Block)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                journal.Ran(process, "slow-cancelled", key, 0);
                throw;
            }
        }

        journal.Ran(process, "slow-done", key, 0);
    }

    /// <summary>Waits for the journal's gate, so records pile up behind it.</summary>
    [QueuedBy("k-gated", PartitionKey = "{key}")]
    public async Task GatedAsync(string key, int sequence, CancellationToken cancellationToken)
    {
        await journal.Gate.Task.WaitAsync(cancellationToken);
        journal.Ran(process, "gated", key, sequence);
    }

    [QueuedBy("k-poison", PartitionKey = "{key}", MaxAttempts = 3)]
    public Task PoisonAsync(string key)
    {
        journal.Ran(process, "poison", key, 0);
        throw new FormatException($"cannot parse {key}");
    }

    [QueuedBy("k-chain", PartitionKey = "{key}")]
    public async Task ChainAsync(string key)
    {
        await NextAsync(key);
        journal.Ran(process, "chain", key, 0);
    }

    /// <summary>Waits for the journal's gate, then queues the next step, so a test can arm a fault before the transaction.</summary>
    [QueuedBy("k-gated-chain", PartitionKey = "{key}")]
    public async Task GatedChainAsync(string key, CancellationToken cancellationToken)
    {
        await journal.Gate.Task.WaitAsync(cancellationToken);
        await NextAsync(key);
        journal.Ran(process, "gated-chain", key, 0);
    }

    [QueuedBy("k-chain-next", PartitionKey = "{key}")]
    public Task NextAsync(string key)
    {
        journal.Ran(process, "next", key, 0);
        return Task.CompletedTask;
    }

    /// <summary>Runs from Kafka and calls a queue that stays in memory.</summary>
    [QueuedBy("k-cross", MaxAttempts = 2)]
    public async Task CrossAsync(string key)
    {
        journal.Ran(process, "cross", key, 0);
        await LocalAsync(key);
    }

    [QueuedBy("k-local")]
    public Task LocalAsync(string key)
    {
        journal.Ran(process, "local", key, 0);
        return Task.CompletedTask;
    }
}
