namespace Locksmith.Conformance.Queues;

/// <summary>The queued methods the suite calls; each body records itself in the journal.</summary>
public sealed class QueueProbe(QueueJournal journal)
{
    /// <summary>Ordered work: the partition key keeps one key's items in order.</summary>
    [QueuedBy("cf-work", PartitionKey = "{key}")]
    public Task WorkAsync(string key, int sequence, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        journal.Ran("work", key, sequence);
        return Task.CompletedTask;
    }

    /// <summary>A result delivered back to the caller.</summary>
    [QueuedBy("cf-results", AwaitResult = true)]
    public Task<Receipt> AddAsync(int a, int b)
    {
        journal.Ran("add", $"{a}+{b}", a + b);
        return Task.FromResult(new Receipt(a + b, $"{a}+{b}"));
    }

    /// <summary>A failure delivered back to the caller.</summary>
    [QueuedBy("cf-results", AwaitResult = true)]
    public Task<Receipt> FailAsync(string reason)
    {
        journal.Ran("fail", reason, 0);
        throw new InvalidOperationException(reason);
    }

    /// <summary>An item that can never succeed.</summary>
    [QueuedBy("cf-poison", MaxAttempts = 3)]
    public Task PoisonAsync(string id)
    {
        journal.Ran("poison", id, 0);
        throw new FormatException($"cannot parse {id}");
    }

    /// <summary>An item that fails while the journal says so, for redriving dead letters.</summary>
    [QueuedBy("cf-flaky", MaxAttempts = 2)]
    public Task FlakyAsync(string id)
    {
        var item = QueuedItem.Current!;
        journal.Items.Enqueue(item);
        journal.Ran("flaky", id, journal.Failing ? 0 : 1);
        return journal.Failing ? throw new TimeoutException($"the downstream service is down for {id}") : Task.CompletedTask;
    }

    /// <summary>A step that queues the next one, then fails when told to.</summary>
    [QueuedBy("cf-chain")]
    public async Task ChainAsync(string id, bool fail)
    {
        await NextAsync(id);
        journal.Ran("chain", id, 0);
        if (fail)
        {
            throw new InvalidOperationException("the step failed after queueing the next one");
        }
    }

    /// <summary>The chained step.</summary>
    [QueuedBy("cf-chain-next")]
    public Task NextAsync(string id)
    {
        journal.Ran("next", id, 0);
        return Task.CompletedTask;
    }
}

/// <summary>A result with some shape, to show results are more than numbers.</summary>
public sealed record Receipt(int Total, string Expression);
