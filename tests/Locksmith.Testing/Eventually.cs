namespace Locksmith.Testing;

/// <summary>Waits for something a background process does, polling, and fails naming what never happened.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> after <paramref name="patience"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan patience, string what, TimeSpan? poll = null) =>
        UntilAsync(() => Task.FromResult(condition()), patience, what, poll);

    /// <summary>Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> after <paramref name="patience"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan patience, string what, TimeSpan? poll = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + patience;
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {patience.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(20)).ConfigureAwait(false);
        }
    }
}
