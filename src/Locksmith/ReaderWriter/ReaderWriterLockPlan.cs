using System.Collections.Concurrent;
using System.Reflection;
using Locksmith.Backends;
using Locksmith.Diagnostics;

namespace Locksmith.Weaving;

/// <summary>The plan for a method marked <see cref="ReadLockAttribute"/> or <see cref="WriteLockAttribute"/>.</summary>
internal sealed class ReaderWriterLockPlan : GuardPlan
{
    private static readonly ConcurrentDictionary<MethodBase, ReaderWriterLockPlan> ReadPlans = new();
    private static readonly ConcurrentDictionary<MethodBase, ReaderWriterLockPlan> WritePlans = new();

    private readonly string? _ttl;
    private readonly string? _waitTimeout;
    private readonly bool _renew;
    private readonly bool _fencing;

    private ReaderWriterLockPlan(MethodBase method, ReadLockAttribute attribute)
        : base(method, "ReadLock", attribute.KeyTemplate, Busy.Wait)
    {
        (_ttl, _waitTimeout, _renew) = (attribute.Ttl, attribute.WaitTimeout, attribute.Renew);
        Kind = LeaseKind.ReadLock;
    }

    private ReaderWriterLockPlan(MethodBase method, WriteLockAttribute attribute)
        : base(method, "WriteLock", attribute.KeyTemplate, Busy.Wait)
    {
        (_ttl, _waitTimeout, _renew, _fencing) = (attribute.Ttl, attribute.WaitTimeout, attribute.Renew, attribute.Fencing);
        Kind = LeaseKind.WriteLock;
    }

    public static ReaderWriterLockPlan For(MethodBase method, bool write)
    {
        var plans = write ? WritePlans : ReadPlans;
        return plans.TryGetValue(method, out var plan)
            ? plan
            : plans.GetOrAdd(method, static (m, w) => w
                ? new ReaderWriterLockPlan(m, m.GetCustomAttribute<WriteLockAttribute>()!)
                : new ReaderWriterLockPlan(m, m.GetCustomAttribute<ReadLockAttribute>()!), write);
    }

    public override LeaseKind Kind { get; }

    /// <summary>
    /// A reader re-enters whatever mode its flow holds the key in (the write holder may read). A writer re-enters only a
    /// write lock: a flow holding the key for reading would wait for its own read to end, so it is refused with the fix.
    /// </summary>
    public override bool IsHeldInFlow(string key)
    {
        if (HeldInFlow.IsHeld(LeaseKind.WriteLock, key))
        {
            return true;
        }

        var reading = HeldInFlow.IsHeld(LeaseKind.ReadLock, key) || HeldInFlow.IsHeld(LeaseKind.UpgradeableReadLock, key);
        if (Kind == LeaseKind.ReadLock || !reading)
        {
            return reading;
        }

        var runtime = LocksmithRuntime.Current(Method, AttributeName);
        Log.WriteRequestedWhileReading(runtime.Logger, MethodName, key);
        throw new InvalidOperationException(
            $"{Where} asks for the write lock on '{key}', but this flow already holds its read lock (a [ReadLock] method up the " +
            "call chain): the write would wait for that read to end, which waits for the write. Put [WriteLock] on the outer " +
            "method instead (a write holder may read), or take IReaderWriterLockProvider.AcquireUpgradeableReadAsync and call " +
            "UpgradeAsync on it when writing turns out to be needed.");
    }

    public override async ValueTask<ILease> AcquireAsync(LocksmithRuntime runtime, string key, CancellationToken cancellationToken)
    {
        var provider = runtime.ReaderWriterLocks ?? throw new NotSupportedException(
            $"{Where}: the {runtime.Backend} backend offers no reader-writer locks. Use the in-memory backend or UseRedis " +
            "(one server or a Redis Cluster), or a [DistributedLock] if exclusive access is enough.");
        var options = Options<LockOptions>(runtime);
        return Kind == LeaseKind.WriteLock
            ? await provider.AcquireWriteAsync(key, options, cancellationToken).ConfigureAwait(false)
            : await provider.AcquireReadAsync(key, options, cancellationToken).ConfigureAwait(false);
    }

    protected override LeaseOptions Resolve(LocksmithRuntime runtime)
    {
        var defaults = runtime.Options.Locks;
        return defaults with
        {
            Ttl = Duration(_ttl, "Ttl", defaults.Ttl),
            WaitTimeout = Duration(_waitTimeout, "WaitTimeout", defaults.WaitTimeout),
            Renew = _renew,
            Fencing = Kind == LeaseKind.WriteLock && (_fencing || defaults.Fencing),
            RenewInterval = _ttl is null ? defaults.RenewInterval : null,
        };
    }
}
