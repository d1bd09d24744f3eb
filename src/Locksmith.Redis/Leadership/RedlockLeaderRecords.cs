using Locksmith.Backends;

namespace Locksmith.Redis.Leadership;

/// <summary>
/// Leader records under Redlock: written to every master and read from all, the newest term winning. The leadership's
/// safety rests on the Redlock lease and its term; the record only has to describe it, and a master that missed a write
/// (down, or restarted empty) is outvoted by a newer term elsewhere.
/// </summary>
internal sealed class RedlockLeaderRecords(IReadOnlyList<RedisLeaderRecords> masters) : ILeaderRecordStore
{
    public async ValueTask<bool> PublishAsync(LeaderInfo leader, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var results = await EachAsync(m => m.PublishAsync(leader, ttl, cancellationToken)).ConfigureAwait(false);
        // A newer term on any master means a newer leader exists.
        return !results.Any(r => r is false);
    }

    public async ValueTask WithdrawAsync(string name, long term, CancellationToken cancellationToken) =>
        await EachAsync(async m =>
        {
            await m.WithdrawAsync(name, term, cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

    public async ValueTask<LeaderInfo?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var records = await EachAsync(m => m.ReadAsync(name, cancellationToken)).ConfigureAwait(false);
        return records.Where(r => r is not null).MaxBy(r => r!.Term);
    }

    public async ValueTask<IAsyncDisposable> SubscribeAsync(string name, Action changed, CancellationToken cancellationToken)
    {
        var subscriptions = await EachAsync(m => m.SubscribeAsync(name, changed, cancellationToken)).ConfigureAwait(false);
        return new Subscriptions([.. subscriptions.Where(s => s is not null).Select(s => s!)]);
    }

    /// <summary>Runs on every master; answers from the reachable ones, and fails only when none answered.</summary>
    private async Task<List<T?>> EachAsync<T>(Func<RedisLeaderRecords, ValueTask<T>> call)
    {
        var tasks = masters.Select(m => call(m).AsTask()).ToList();
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (LocksmithBackendException)
        {
            // Some masters failed; the ones that answered are enough to describe the leader.
        }

        var answered = tasks.Where(t => t.IsCompletedSuccessfully).Select(t => (T?)t.Result).ToList();
        if (answered.Count == 0)
        {
            throw tasks.Select(t => t.Exception?.InnerException).OfType<LocksmithBackendException>().FirstOrDefault()
                ?? new LocksmithBackendException("No Redlock master answered about the leader record; check that the masters are running.");
        }

        return answered;
    }

    private sealed class Subscriptions(IReadOnlyList<IAsyncDisposable> each) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var subscription in each)
            {
                await subscription.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
