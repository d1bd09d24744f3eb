using Locksmith.Queues;

namespace Locksmith.Redis.Queues;

/// <summary>
/// Counts the start of every retry in the group's <c>:starts</c> hash before its body runs (the worker counts the
/// first start itself, before deciding to run the item at all), and knows whether the last attempt started is still
/// open, its outcome not yet recorded: a stop that ends an open attempt takes its start back.
/// </summary>
internal sealed class RetryStartCounter(IQueueItemHandler inner, int firstAttempt, Func<Task<long>> countStart) : IQueueItemHandler
{
    /// <summary>Whether an attempt has started whose outcome has not been recorded as a failure.</summary>
    public bool AttemptOpen { get; private set; }

    /// <summary>The open attempt failed and its failure was recorded: it counts.</summary>
    public void FailureRecorded() => AttemptOpen = false;

    public async ValueTask<QueueItemOutcome> HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.Attempt > firstAttempt)
        {
            await countStart().ConfigureAwait(false);
        }

        AttemptOpen = true;
        return await inner.HandleAsync(delivery, cancellationToken).ConfigureAwait(false);
    }
}
