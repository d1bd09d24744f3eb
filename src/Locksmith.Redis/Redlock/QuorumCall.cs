namespace Locksmith.Redis.Redlock;

/// <summary>
/// Runs one request on every master at once and returns as soon as the outcome is decided: enough successes, too many
/// failures to ever get them, or the per-master timeout. Latency is the slowest member of the quorum, not the sum.
/// </summary>
internal static class QuorumCall
{
    public static async Task<QuorumResult<T>> RunAsync<T>(
        int masters, Func<int, Task<T>> request, Func<T, bool> succeeded, int needed, TimeSpan timeout, TimeProvider time)
    {
        var outcomes = new MasterOutcome<T>[masters];
        var gate = new object();
        var successes = 0;
        var refusals = 0;
        var decided = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < masters; i++)
        {
            _ = ObserveAsync(i);
        }

        if (!decided.Task.IsCompleted)
        {
            using var cancelDelay = new CancellationTokenSource();
            await Task.WhenAny(decided.Task, Task.Delay(timeout, time, cancelDelay.Token)).ConfigureAwait(false);
            await cancelDelay.CancelAsync().ConfigureAwait(false);
        }

        lock (gate)
        {
            // A snapshot: a master answering after this point is ignored here (release and extend go to every master).
            return new QuorumResult<T>((MasterOutcome<T>[])outcomes.Clone(), !decided.Task.IsCompleted);
        }

        async Task ObserveAsync(int index)
        {
            MasterOutcome<T> outcome;
            try
            {
                var value = await request(index).ConfigureAwait(false);
                outcome = new MasterOutcome<T>(MasterState.Answered, value, null);
            }
            catch (Exception ex)
            {
                outcome = new MasterOutcome<T>(MasterState.Failed, default, ex);
            }

            lock (gate)
            {
                outcomes[index] = outcome;
                if (outcome.State == MasterState.Answered && succeeded(outcome.Value!))
                {
                    successes++;
                }
                else
                {
                    refusals++;
                }

                if (successes >= needed || refusals > masters - needed || successes + refusals == masters)
                {
                    decided.TrySetResult();
                }
            }
        }
    }
}

/// <summary>The outcome per master when the call was decided, and whether it was decided by the timeout.</summary>
internal readonly record struct QuorumResult<T>(MasterOutcome<T>[] Outcomes, bool TimedOut)
{
    /// <summary>Masters that failed, or (when the timeout decided) gave no answer in time.</summary>
    public int Unavailable
    {
        get
        {
            var timedOut = TimedOut;
            return Outcomes.Count(o => o.State == MasterState.Failed || (timedOut && o.State == MasterState.Pending));
        }
    }

    public int Answered => Outcomes.Count(o => o.State == MasterState.Answered);
}

/// <summary>Whether a master answered in time.</summary>
internal enum MasterState
{
    /// <summary>No answer yet (paused, slow, or unreachable without a fast failure).</summary>
    Pending,

    /// <summary>It answered.</summary>
    Answered,

    /// <summary>The request failed (connection refused, timeout, error reply).</summary>
    Failed,
}

/// <summary>One master's part of a quorum call.</summary>
internal readonly record struct MasterOutcome<T>(MasterState State, T? Value, Exception? Error);
