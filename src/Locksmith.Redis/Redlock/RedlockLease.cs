using Locksmith.Backends;
using Locksmith.Redis.Internal;
using Locksmith.Redis.Scripts;

namespace Locksmith.Redis.Redlock;

/// <summary>
/// A lease held on a quorum of Redlock masters. It is trusted until its TTL minus the drift allowance, counted from the
/// start of the last acquire or extend; an extension needs a quorum too, and a lease that cannot keep one is lost.
/// </summary>
internal sealed class RedlockLease(
    RedlockLeaseProvider provider, LeaseKind kind, string key, string redisKey, string owner, LeaseOptions options,
    long requestedAt, long fencingToken, int permits)
    : RedisLeaseBase(provider.Client, kind, key, redisKey, owner, options, requestedAt, fencingToken, permits, provider.DriftAllowance(options.Ttl))
{
    protected override async ValueTask<bool> ExtendCoreAsync(TimeSpan ttl, CancellationToken cancellationToken)
    {
        var masters = provider.Masters;
        var needed = RedlockQuorum.Required(masters.Count, Kind == LeaseKind.Lock ? 1 : Permits);
        var ttlMs = (long)Math.Ceiling(ttl.TotalMilliseconds);
        var call = await QuorumCall.RunAsync(
            masters.Count,
            i => Kind == LeaseKind.Lock
                ? LockExtendScript.EvaluateAsync(masters.Database(i), RedisKey, Owner, ttlMs, cancellationToken: cancellationToken)
                : SemaphoreExtendScript.EvaluateAsync(masters.Database(i), RedisKey, Owner, ttlMs, cancellationToken: cancellationToken),
            extended => extended, needed, provider.Redlock.InstanceTimeout, provider.Client.Time).ConfigureAwait(false);

        var extended = call.Outcomes.Count(o => o is { State: MasterState.Answered, Value: true });
        if (extended >= needed)
        {
            return true;
        }

        // Masters that answered "not yours" can never vouch again: past that many, the lease is gone for good.
        var refused = call.Outcomes.Count(o => o is { State: MasterState.Answered, Value: false });
        if (refused > masters.Count - needed)
        {
            return false;
        }

        // Too few answers either way: maybe a blip. The renewal loop retries until the lease's own validity runs out.
        throw new LocksmithBackendException(
            $"Extending '{Key}' reached {extended} of the {needed} Redlock masters it needs ({call.Unavailable} did not answer in time); " +
            "it is retried until the lease's validity runs out, then reported lost.",
            call.Outcomes.FirstOrDefault(o => o.Error is not null).Error);
    }

    protected override ValueTask ReleaseCoreAsync() => new(provider.ReleaseEverywhereAsync(Kind, RedisKey, Owner));
}
