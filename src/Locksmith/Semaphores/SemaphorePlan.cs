using System.Collections.Concurrent;
using System.Reflection;
using Locksmith.Backends;

namespace Locksmith.Weaving;

/// <summary>The plan for a method marked <see cref="SemaphoreAttribute"/>.</summary>
internal sealed class SemaphorePlan : GuardPlan
{
    private static readonly ConcurrentDictionary<MethodBase, SemaphorePlan> Plans = new();

    private readonly SemaphoreAttribute _attribute;

    private SemaphorePlan(MethodBase method, SemaphoreAttribute attribute)
        : base(method, "Semaphore", attribute.Key ?? EscapeBraces($"{method.DeclaringType?.FullName}.{method.Name}"), attribute.OnBusy)
    {
        _attribute = attribute;
        if (attribute.Permits < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(attribute), attribute.Permits, $"{Where}: permits must be at least 1; [Semaphore({attribute.Permits})] would let nobody in.");
        }
    }

    public static SemaphorePlan For(MethodBase method) =>
        Plans.TryGetValue(method, out var plan) ? plan : Plans.GetOrAdd(method, static m => new SemaphorePlan(m, m.GetCustomAttribute<SemaphoreAttribute>()!));

    public override LeaseKind Kind => LeaseKind.Semaphore;

    public override async ValueTask<ILease> AcquireAsync(LocksmithRuntime runtime, string key, CancellationToken cancellationToken) =>
        await runtime.Semaphores.AcquireAsync(key, _attribute.Permits, Options<SemaphoreOptions>(runtime), cancellationToken).ConfigureAwait(false);

    public override async ValueTask<ILease?> TryAcquireAsync(LocksmithRuntime runtime, string key, CancellationToken cancellationToken) =>
        await runtime.Semaphores.TryAcquireAsync(key, _attribute.Permits, Options<SemaphoreOptions>(runtime), cancellationToken).ConfigureAwait(false);

    protected override LeaseOptions Resolve(LocksmithRuntime runtime)
    {
        var defaults = runtime.Options.Semaphores;
        return defaults with
        {
            Ttl = Duration(_attribute.Ttl, nameof(SemaphoreAttribute.Ttl), defaults.Ttl),
            WaitTimeout = WaitTimeout(_attribute.WaitTimeout, nameof(SemaphoreAttribute.WaitTimeout), defaults.WaitTimeout),
            Renew = _attribute.Renew,
            RenewInterval = _attribute.Ttl is null ? defaults.RenewInterval : null,
            MinHoldTime = OptionalDuration(_attribute.MinHold, nameof(SemaphoreAttribute.MinHold), defaults.MinHoldTime),
            MaxHoldTime = OptionalDuration(_attribute.MaxHold, nameof(SemaphoreAttribute.MaxHold), defaults.MaxHoldTime),
            Fair = _attribute.Fair || defaults.Fair,
        };
    }

    private static string EscapeBraces(string name) => name.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
