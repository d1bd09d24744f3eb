using Locksmith.Queues;
using StackExchange.Redis;

namespace Locksmith.Redis.Queues;

/// <summary>
/// Counts the start of every retry in the group's <c>:starts</c> hash before its body runs (the worker counts the
/// first start itself, before deciding to run the item at all), and knows whether the last attempt started is still
/// open, its outcome not yet recorded: a stop that ends an open attempt takes its start back.
/// </summary>
internal sealed class RetryStartCounter(IQueueItemHandler inner, int firstAttempt, Func<RedisValue, Task<long>> countStart, RedisValue entry, Action<QueueDelivery, QueueItemOutcome> logFailure) : IQueueItemHandler
{
    /// <summary>Whether an attempt has started whose outcome has not been recorded as a failure.</summary>
    public bool AttemptOpen { get; private set; }

    /// <summary>Records a failed attempt before the wait for the next: logged, and no longer open (its start counts).</summary>
    public ValueTask FailureRecordedAsync(QueueDelivery failedAttempt, QueueItemOutcome outcome, CancellationToken cancellationToken)
    {
        AttemptOpen = false;
        logFailure(failedAttempt, outcome);
        return ValueTask.CompletedTask;
    }

    public ValueTask<QueueItemOutcome> HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.Attempt > firstAttempt)
        {
            return RetryAsync(delivery, cancellationToken);
        }

        // The first attempt's start was counted before the item ran: no async layer of its own on the path every item takes.
        AttemptOpen = true;
        return inner.HandleAsync(delivery, cancellationToken);
    }

    private async ValueTask<QueueItemOutcome> RetryAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        await countStart(entry).ConfigureAwait(false);
        AttemptOpen = true;
        return await inner.HandleAsync(delivery, cancellationToken).ConfigureAwait(false);
    }
}
