using System.Collections.Concurrent;
using System.Reflection;
using Locksmith.Backends;

namespace Locksmith.Weaving;

/// <summary>The plan for a method marked <see cref="DistributedLockAttribute"/>.</summary>
internal sealed class LockPlan : GuardPlan
{
    private static readonly ConcurrentDictionary<MethodBase, LockPlan> Plans = new();

    private readonly DistributedLockAttribute _attribute;

    private LockPlan(MethodBase method, DistributedLockAttribute attribute)
        : base(method, "DistributedLock", attribute.KeyTemplate, attribute.OnBusy, attribute.MoreKeyTemplates)
    {
        _attribute = attribute;
    }

    public static LockPlan For(MethodBase method) =>
        Plans.TryGetValue(method, out var plan) ? plan : Plans.GetOrAdd(method, static m => new LockPlan(m, m.GetCustomAttribute<DistributedLockAttribute>()!));

    public override LeaseKind Kind => LeaseKind.Lock;

    public override async ValueTask<ILease> AcquireAsync(LocksmithRuntime runtime, string key, CancellationToken cancellationToken) =>
        await runtime.Locks.AcquireAsync(key, Options<LockOptions>(runtime), cancellationToken).ConfigureAwait(false);

    public override ValueTask<ILockLeaseSet> AcquireAllAsync(LocksmithRuntime runtime, IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        runtime.Locks.AcquireAllAsync(keys, Options<LockOptions>(runtime), cancellationToken);

    public override async ValueTask<ILease?> TryAcquireAsync(LocksmithRuntime runtime, string key, CancellationToken cancellationToken) =>
        await runtime.Locks.TryAcquireAsync(key, Options<LockOptions>(runtime), cancellationToken).ConfigureAwait(false);

    protected override LeaseOptions Resolve(LocksmithRuntime runtime)
    {
        var defaults = runtime.Options.Locks;
        return defaults with
        {
            Ttl = Duration(_attribute.Ttl, nameof(DistributedLockAttribute.Ttl), defaults.Ttl),
            WaitTimeout = WaitTimeout(_attribute.WaitTimeout, nameof(DistributedLockAttribute.WaitTimeout), defaults.WaitTimeout),
            Renew = _attribute.Renew,
            Fencing = _attribute.Fencing || defaults.Fencing,
            RenewInterval = _attribute.Ttl is null ? defaults.RenewInterval : null,
            MinHoldTime = OptionalDuration(_attribute.MinHold, nameof(DistributedLockAttribute.MinHold), defaults.MinHoldTime),
            MaxHoldTime = OptionalDuration(_attribute.MaxHold, nameof(DistributedLockAttribute.MaxHold), defaults.MaxHoldTime),
        };
    }
}
