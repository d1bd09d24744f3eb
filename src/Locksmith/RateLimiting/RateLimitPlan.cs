using System.Collections.Concurrent;
using System.Reflection;
using Locksmith.Backends;
using Locksmith.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Weaving;

/// <summary>
/// The plan for a method marked <see cref="RateLimitAttribute"/>: the key template and the limit, checked once. A rate
/// limit holds nothing across the body, so every call (a recursive one too) spends a permit, and the scope after the
/// body is empty.
/// </summary>
internal sealed class RateLimitPlan : WovenPlan
{
    private static readonly ConcurrentDictionary<MethodBase, RateLimitPlan> Plans = new();

    private readonly RateLimitPolicy _policy;
    private readonly TimeSpan _waitTimeout;
    private Resolved? _resolved;

    private RateLimitPlan(MethodBase method, RateLimitAttribute attribute)
        : base(method, "RateLimit", attribute.Key)
    {
        if (attribute.Permits < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(attribute), attribute.Permits, $"{Where}: Permits must be at least 1; Permits = {attribute.Permits} would refuse every call.");
        }

        if (attribute.Per is null)
        {
            throw new ArgumentException($"{Where}: Per is not set; say which period the {attribute.Permits} permits are for, for example Per = \"1m\".", nameof(attribute));
        }

        var per = Duration(attribute.Per, nameof(RateLimitAttribute.Per), TimeSpan.Zero);
        var waitTimeout = Duration(attribute.WaitTimeout, nameof(RateLimitAttribute.WaitTimeout), TimeSpan.Zero);
        DistributedRateLimiterOptions options = attribute.Algorithm == RateLimitAlgorithm.TokenBucket
            ? new DistributedTokenBucketOptions { TokenLimit = attribute.Permits, TokensPerPeriod = attribute.Permits, ReplenishmentPeriod = per, WaitTimeout = waitTimeout }
            : new DistributedSlidingWindowOptions { PermitLimit = attribute.Permits, Window = per, WaitTimeout = waitTimeout };
        options.Validate(Where);
        _policy = options.Policy;
        _waitTimeout = waitTimeout;
    }

    public static RateLimitPlan For(MethodBase method) =>
        Plans.TryGetValue(method, out var plan) ? plan : Plans.GetOrAdd(method, static m => new RateLimitPlan(m, m.GetCustomAttribute<RateLimitAttribute>()!));

    public override async ValueTask<GuardScope> EnterAsync(object?[] args)
    {
        var runtime = LocksmithRuntime.Current(Method, AttributeName);
        var key = Key.Format(args);
        var decision = await Gate(runtime).AcquireAsync(key, _policy, 1, _waitTimeout, CallerToken(args)).ConfigureAwait(false);
        if (!decision.Granted)
        {
            throw new RateLimitExceededException(key, decision.RetryAfter);
        }

        return default;
    }

    /// <summary>The runtime's rate limiting, looked up once per runtime.</summary>
    private RateLimitGate Gate(LocksmithRuntime runtime)
    {
        var resolved = Volatile.Read(ref _resolved);
        if (resolved is null || !ReferenceEquals(resolved.Runtime, runtime))
        {
            resolved = new Resolved(runtime, runtime.Services.GetRequiredService<DistributedRateLimiterProvider>().Gate);
            Volatile.Write(ref _resolved, resolved);
        }

        return resolved.Gate;
    }

    private sealed record Resolved(LocksmithRuntime Runtime, RateLimitGate Gate);
}
