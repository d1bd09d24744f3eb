using Locksmith.Backends;

namespace Locksmith.InMemory;

/// <summary>
/// The in-memory backend's rate limits: the same two algorithms as the Redis scripts, on the container's
/// <see cref="TimeProvider"/>, under one lock (a decision is a few arithmetic steps). State that has run out (a full
/// bucket, an empty window) is dropped, as an expired Redis key would be.
/// </summary>
internal sealed class InMemoryRateLimitStore(TimeProvider time) : IRateLimitStore
{
    private const int SweepEvery = 1024;

    private readonly Dictionary<(RateLimitAlgorithm, string), State> _states = [];
    private readonly Lock _gate = new();
    private int _untilSweep = SweepEvery;

    /// <summary>How many keys hold state; for tests of the sweep.</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _states.Count;
            }
        }
    }

    public ValueTask<RateLimitDecision> AcquireAsync(string key, RateLimitPolicy policy, int permits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        var nowUs = (now - DateTimeOffset.UnixEpoch).Ticks / 10;
        lock (_gate)
        {
            if (--_untilSweep == 0)
            {
                Sweep(nowUs);
            }

            var id = (policy.Algorithm, key);
            var fresh = !_states.TryGetValue(id, out var state) || state.ExpiresAt <= nowUs;
            if (fresh)
            {
                state = policy.Algorithm == RateLimitAlgorithm.TokenBucket ? new Bucket(nowUs) : new Window();
            }

            var (granted, remaining, retryUs) = state!.Acquire(policy, permits, nowUs);
            if (fresh)
            {
                // Kept only once it holds something, as a Redis script writes a key only when it grants.
                if (state.ExpiresAt > nowUs)
                {
                    _states[id] = state;
                }
                else
                {
                    _states.Remove(id);
                }
            }

            return ValueTask.FromResult(new RateLimitDecision(granted, remaining, TimeSpan.FromTicks(retryUs * 10), now));
        }
    }

    private void Sweep(long nowUs)
    {
        _untilSweep = SweepEvery;
        foreach (var (id, state) in _states)
        {
            if (state.ExpiresAt <= nowUs)
            {
                _states.Remove(id);
            }
        }
    }

    private abstract class State
    {
        /// <summary>When the state stops mattering, in Unix microseconds (a Redis key's PEXPIRE); 0 until something is taken.</summary>
        public long ExpiresAt { get; protected set; }

        public abstract (bool Granted, long Remaining, long RetryUs) Acquire(RateLimitPolicy policy, int permits, long nowUs);
    }

    /// <summary>
    /// A token bucket kept as its theoretical arrival time (GCRA): the moment the bucket would be full again. Taking n
    /// tokens moves it n intervals later; it may run at most the bucket's capacity ahead of now. Mirrors
    /// rate_limit_token_bucket.lua.
    /// </summary>
    private sealed class Bucket(long nowUs) : State
    {
        private double _tat = nowUs;

        public override (bool Granted, long Remaining, long RetryUs) Acquire(RateLimitPolicy policy, int permits, long nowUs)
        {
            // Relative to now: absolute microseconds (about 1.8e15) carry a quarter-microsecond of rounding, so the
            // comparisons allow one microsecond, as the script does.
            var interval = policy.IntervalMicroseconds;
            var burst = policy.Limit * interval;
            var ahead = Math.Max(_tat - nowUs, 0);
            if (permits == 0)
            {
                var free = Tokens(burst - ahead, interval);
                return free >= 1 ? (true, free, 0) : (false, 0, (long)Math.Ceiling(ahead + interval - burst));
            }

            var wanted = ahead + (permits * interval);
            if (wanted <= burst + 1)
            {
                _tat = nowUs + wanted;
                ExpiresAt = nowUs + Math.Max(1, (long)Math.Ceiling(wanted));
                return (true, Tokens(burst - wanted, interval), 0);
            }

            return (false, Tokens(burst - ahead, interval), (long)Math.Ceiling(wanted - burst));
        }

        private static long Tokens(double room, double interval) => Math.Max(0, (long)Math.Floor((room + 1) / interval));
    }

    /// <summary>
    /// A sliding window kept as the grant times of the permits in it, oldest first: exactly what
    /// rate_limit_sliding_window.lua keeps in a sorted set.
    /// </summary>
    private sealed class Window : State
    {
        private readonly List<long> _grants = [];

        public override (bool Granted, long Remaining, long RetryUs) Acquire(RateLimitPolicy policy, int permits, long nowUs)
        {
            var window = policy.PeriodMicroseconds;
            var expired = 0;
            while (expired < _grants.Count && _grants[expired] <= nowUs - window)
            {
                expired++;
            }

            _grants.RemoveRange(0, expired);
            var used = _grants.Count;
            if (permits > 0 && used + permits <= policy.Limit)
            {
                for (var i = 0; i < permits; i++)
                {
                    _grants.Add(nowUs);
                }

                ExpiresAt = nowUs + window;
                return (true, policy.Limit - used - permits, 0);
            }

            if (permits == 0 && used < policy.Limit)
            {
                return (true, policy.Limit - used, 0);
            }

            // Enough permits are free once the grant that many places from the oldest leaves the window.
            var need = used + Math.Max(permits, 1) - policy.Limit;
            return (false, Math.Max(0, policy.Limit - used), _grants[need - 1] + window - nowUs);
        }
    }
}
