namespace Locksmith.Testing;

/// <summary>Waits for something a background process does, polling, and fails naming what never happened.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> after <paramref name="patience"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan patience, string what, TimeSpan? poll = null, CancellationToken cancellationToken = default) =>
        UntilAsync(() => Task.FromResult(condition()), patience, () => what, poll, cancellationToken);

    /// <summary>Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> after <paramref name="patience"/>.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan patience, string what, TimeSpan? poll = null, CancellationToken cancellationToken = default) =>
        UntilAsync(condition, patience, () => what, poll, cancellationToken);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> after <paramref name="patience"/>,
    /// describing with <paramref name="what"/> the state it last saw (so a failure shows how far it got).
    /// </summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan patience, Func<string> what, TimeSpan? poll = null, CancellationToken cancellationToken = default) =>
        UntilAsync(() => Task.FromResult(condition()), patience, what, poll, cancellationToken);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> after <paramref name="patience"/>,
    /// describing with <paramref name="what"/> the state it last saw (so a failure shows how far it got).
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan patience, Func<string> what, TimeSpan? poll = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(what);
        var deadline = DateTime.UtcNow + patience;
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {patience.TotalSeconds:0} s for {what()}.");
            }

            await Task.Delay(poll ?? DefaultPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> again while it throws <typeparamref name="TException"/> (a failure expected to pass,
    /// such as a connection coming back); past <paramref name="patience"/> the last such exception is thrown, so a failure shows the real cause.
    /// </summary>
    public static async Task SucceedsAsync<TException>(Func<Task> attempt, TimeSpan patience, TimeSpan? poll = null, CancellationToken cancellationToken = default)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                await attempt().ConfigureAwait(false);
                return;
            }
            catch (TException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(poll ?? DefaultPoll, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
