namespace Locksmith.Queues;

/// <summary>The retry policy every transport applies: attempts in place (so a partition keeps its order), exponential backoff with jitter.</summary>
public static class QueueRetries
{
    /// <summary>The wait before attempt <paramref name="nextAttempt"/>, after <c>nextAttempt - 1</c> failures.</summary>
    /// <param name="nextAttempt">The attempt about to be made, from 2.</param>
    /// <param name="options">The queue's settings.</param>
    /// <returns>RetryDelay doubled per earlier failure, at most MaxRetryDelay, then jittered down by up to 20%.</returns>
    public static TimeSpan DelayBefore(int nextAttempt, QueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var doublings = Math.Clamp(nextAttempt - 2, 0, 30);
        var ticks = Math.Min(options.RetryDelay.Ticks * (double)(1L << doublings), options.MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (0.8 + (0.2 * Random.Shared.NextDouble()))));
    }

    /// <summary>
    /// Runs attempts at an item until one succeeds, one fails for good, or <see cref="QueueOptions.MaxAttempts"/> is
    /// reached, waiting between them. <paramref name="recordFailure"/> lets the transport persist the attempt count, so
    /// a consumer that takes over after a crash goes on counting.
    /// </summary>
    /// <param name="delivery">The first attempt to make (its attempt number may be above 1 after a takeover).</param>
    /// <param name="handler">Runs an attempt.</param>
    /// <param name="options">The queue's settings.</param>
    /// <param name="recordFailure">Persists a failed attempt before the wait; may be a no-op.</param>
    /// <param name="timeProvider">The clock for the waits.</param>
    /// <param name="cancellationToken">Stops between or during attempts; the item then stays unacknowledged.</param>
    /// <returns>The final outcome and the attempt that produced it.</returns>
    public static async ValueTask<(QueueItemOutcome Outcome, int Attempts)> RunAsync(
        QueueDelivery delivery,
        IQueueItemHandler handler,
        QueueOptions options,
        Func<QueueDelivery, QueueItemOutcome, CancellationToken, ValueTask> recordFailure,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(recordFailure);
        while (true)
        {
            var outcome = await handler.HandleAsync(delivery, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (outcome.Succeeded || !outcome.Retryable || delivery.Attempt >= options.MaxAttempts)
            {
                return (outcome, delivery.Attempt);
            }

            await recordFailure(delivery, outcome, cancellationToken).ConfigureAwait(false);
            await Task.Delay(DelayBefore(delivery.Attempt + 1, options), timeProvider, cancellationToken).ConfigureAwait(false);
            delivery = delivery with { Attempt = delivery.Attempt + 1 };
        }
    }
}
