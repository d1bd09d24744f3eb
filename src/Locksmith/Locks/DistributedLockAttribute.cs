using AspectInjector.Broker;
using Locksmith.Weaving;

namespace Locksmith;

/// <summary>
/// Runs the method while holding the distributed lock named by <see cref="KeyTemplate"/>. The lock is taken before the
/// body starts, renewed while it runs, and released when it ends, on every path including exceptions.
/// Woven into the method body at compile time, so it applies however the method is called.
/// </summary>
/// <remarks>
/// A <see cref="CancellationToken"/> parameter of the method cancels the wait for the lock and, once the lock is held,
/// is cancelled when the lease is lost, so the body can stop before it works unprotected.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
[Injection(typeof(LockAdvice))]
public sealed class DistributedLockAttribute : Attribute
{
    /// <summary>Locks the key produced by <paramref name="keyTemplate"/>.</summary>
    /// <param name="keyTemplate">
    /// The lock key; <c>{name}</c> placeholders take a parameter's value and <c>{name.Member}</c> a member of it,
    /// formatted with the invariant culture: <c>"stock:{sku}"</c>, <c>"{order.CustomerId}:{sku}"</c>.
    /// Write <c>{{</c> and <c>}}</c> for literal braces.
    /// </param>
    public DistributedLockAttribute(string keyTemplate)
    {
        KeyTemplate = keyTemplate;
        MoreKeyTemplates = [];
    }

    /// <summary>
    /// Locks several keys as one, such as both accounts of a transfer: <c>[DistributedLock("account:{from}", "account:{to}")]</c>.
    /// The keys are de-duplicated and taken in one global order, so two calls never deadlock (see
    /// <see cref="ILockProvider.AcquireAllAsync"/>); a call that already holds some of them in its flow takes only the others.
    /// </summary>
    /// <param name="keyTemplate">The first key template.</param>
    /// <param name="moreKeyTemplates">The other key templates, in the same syntax.</param>
    public DistributedLockAttribute(string keyTemplate, params string[] moreKeyTemplates)
    {
        KeyTemplate = keyTemplate;
        MoreKeyTemplates = moreKeyTemplates ?? [];
    }

    /// <summary>The key template given to the constructor.</summary>
    public string KeyTemplate { get; }

    /// <summary>The further key templates of a lock on several keys; empty for one key.</summary>
    public IReadOnlyList<string> MoreKeyTemplates { get; }

    /// <summary>
    /// The lease time to live, such as <c>"30s"</c>, <c>"500ms"</c>, <c>"2m"</c> or <c>"00:00:30"</c>.
    /// Defaults to the configured <see cref="LeaseOptions.Ttl"/>.
    /// </summary>
    public string? Ttl { get; set; }

    /// <summary>
    /// How long to wait for the lock, in the same format as <see cref="Ttl"/>, <c>"0"</c> to try once or
    /// <c>"infinite"</c>. Defaults to the configured <see cref="LeaseOptions.WaitTimeout"/>.
    /// </summary>
    public string? WaitTimeout { get; set; }

    /// <summary>Whether the lease is renewed while the body runs. Defaults to <see langword="true"/>.</summary>
    public bool Renew { get; set; } = true;

    /// <summary>Whether acquisitions get fencing tokens. Defaults to <see langword="false"/>.</summary>
    public bool Fencing { get; set; }

    /// <summary>
    /// What to do when another owner holds the lock: wait (the default), or <see cref="Busy.Skip"/> the call. With
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
