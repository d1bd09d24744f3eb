using AspectInjector.Broker;
using Locksmith.Weaving;

namespace Locksmith;

/// <summary>
/// Lets at most <see cref="Permits"/> calls run the method at once across every process sharing the backend.
/// A permit is taken before the body starts, renewed while it runs and given back when it ends; a crashed
/// holder's permit expires after its time to live.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
[Injection(typeof(SemaphoreAdvice))]
public sealed class SemaphoreAttribute : Attribute
{
    /// <summary>Limits the method to <paramref name="permits"/> concurrent runs.</summary>
    /// <param name="permits">How many calls may run at once; at least 1.</param>
    public SemaphoreAttribute(int permits)
    {
        Permits = permits;
    }

    /// <summary>How many calls may run at once.</summary>
    public int Permits { get; }

    /// <summary>
    /// The semaphore key template, with the same placeholders as <see cref="DistributedLockAttribute.KeyTemplate"/>:
    /// <c>"tenant:{tenantId}"</c> gives each tenant its own semaphore. Defaults to the method's full name.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>The permit time to live (<c>"30s"</c>, <c>"500ms"</c>, ...). Defaults to the configured value.</summary>
    public string? Ttl { get; set; }

    /// <summary>How long to wait for a permit (<c>"5s"</c>, <c>"0"</c>, <c>"infinite"</c>). Defaults to the configured value.</summary>
    public string? WaitTimeout { get; set; }

    /// <summary>Whether the permit is renewed while the body runs. Defaults to <see langword="true"/>.</summary>
    public bool Renew { get; set; } = true;

    /// <summary>
    /// Whether callers get permits first come, first served across processes (<see cref="SemaphoreOptions.Fair"/>).
    /// Defaults to <see langword="false"/>, unless the configured defaults turn it on.
    /// </summary>
    public bool Fair { get; set; }

    /// <summary>
    /// What to do when every permit is taken: wait (the default), or <see cref="Busy.Skip"/> the call. With
    /// <see cref="Busy.Skip"/> the wait timeout defaults to zero (try once).
    /// </summary>
    public Busy OnBusy { get; set; }

    /// <summary>
    /// The shortest the key stays taken, in the format of <see cref="Ttl"/>: a body that ends sooner leaves the key
    /// held (owner-checked) until then, so scheduled work is not run again at once by another node. Defaults to
    /// releasing at once (<see cref="LeaseOptions.MinHoldTime"/>).
    /// </summary>
    public string? MinHold { get; set; }

    /// <summary>
    /// The longest the key is held, renewal included, in the format of <see cref="Ttl"/>: then renewal stops and the
    /// body's token is cancelled, so a stuck body cannot keep it forever. Defaults to no limit (<see cref="LeaseOptions.MaxHoldTime"/>).
    /// </summary>
    public string? MaxHold { get; set; }
}
