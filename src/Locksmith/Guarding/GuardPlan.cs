using System.Reflection;
using System.Runtime.CompilerServices;
using Locksmith.Backends;
using Locksmith.Keys;

namespace Locksmith.Weaving;

/// <summary>
/// The plan of a method guarded by a lease (a lock or a semaphore permit) held across its body: on top of
/// <see cref="WovenPlan"/>, the lease kind, the options resolved per runtime, and the return shapes a lease cannot cover.
/// </summary>
internal abstract class GuardPlan : WovenPlan
{
    private ResolvedOptions? _resolved;

    protected GuardPlan(MethodBase method, string attributeName, string? keyTemplate, Busy onBusy, IReadOnlyList<string>? moreKeyTemplates = null)
        : base(method, attributeName, keyTemplate)
    {
        OnBusy = onBusy;
        RejectUnsupportedShapes(method, ReturnType);
        MoreKeys = [.. (moreKeyTemplates ?? []).Select(t => CompiledKeyTemplate.Bind(KeyTemplate.Parse(t, Where), method, Where))];
    }

    /// <summary>Lock or semaphore: keys of the two kinds are different things even when equal.</summary>
    public abstract LeaseKind Kind { get; }

    /// <summary>The other keys of a lock on several keys (<see cref="DistributedLockAttribute(string, string[])"/>); empty otherwise.</summary>
    public IReadOnlyList<CompiledKeyTemplate> MoreKeys { get; }

    /// <summary>Whether a busy key makes the call wait or skip its body.</summary>
    public Busy OnBusy { get; }

    /// <summary>
    /// Whether the current flow already holds what this call needs on <paramref name="key"/>, so it re-enters without
    /// waiting: by default a lease of the same kind; a reader-writer plan also counts a stronger mode, and refuses a
    /// weaker one it would wait for forever.
    /// </summary>
    public virtual bool IsHeldInFlow(string key) => HeldInFlow.IsHeld(Kind, key);

    /// <summary>Takes the lease for one call with the options resolved against <paramref name="runtime"/>'s defaults.</summary>
    public abstract ValueTask<ILease> AcquireAsync(LocksmithRuntime runtime, string key, CancellationToken cancellationToken);

    /// <summary>Takes every key of a lock on several keys as one set.</summary>
    public virtual ValueTask<ILockLeaseSet> AcquireAllAsync(LocksmithRuntime runtime, IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Where}: only [DistributedLock] takes several keys.");

    /// <summary>Like <see cref="AcquireAsync"/>, but null instead of a timeout, for <see cref="Busy.Skip"/>.</summary>
    public virtual async ValueTask<ILease?> TryAcquireAsync(LocksmithRuntime runtime, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await AcquireAsync(runtime, key, cancellationToken).ConfigureAwait(false);
        }
        catch (LockTimeoutException)
        {
            return null;
        }
    }

    public override ValueTask<GuardScope> EnterAsync(object?[] args) => GuardedCall.EnterAsync(this, args);

    /// <summary>The attribute's settings over the runtime's defaults, remembered for the last runtime seen.</summary>
    protected TOptions Options<TOptions>(LocksmithRuntime runtime)
        where TOptions : LeaseOptions
    {
        var resolved = Volatile.Read(ref _resolved);
        if (resolved is null || !ReferenceEquals(resolved.Runtime, runtime))
        {
            var options = Resolve(runtime);
            if (!options.IsValid)
            {
                options.Validate(Where);
            }

            resolved = new ResolvedOptions(runtime, options);
            Volatile.Write(ref _resolved, resolved);
        }

        return (TOptions)resolved.Options;
    }

    /// <summary>Merges the attribute's settings over <paramref name="runtime"/>'s defaults.</summary>
    protected abstract LeaseOptions Resolve(LocksmithRuntime runtime);

    protected TimeSpan? OptionalDuration(string? text, string property, TimeSpan? fallback) =>
        text is null ? fallback : DurationParser.Parse(text, property, Where);

    /// <summary>The attribute's wait timeout; unset, a skipping method tries once and a waiting one uses the default.</summary>
    protected TimeSpan WaitTimeout(string? text, string property, TimeSpan fallback) =>
        text is null && OnBusy == Busy.Skip ? TimeSpan.Zero : Duration(text, property, fallback);

    private void RejectUnsupportedShapes(MethodBase method, Type returnType)
    {
        if (returnType == typeof(void) && method.GetCustomAttribute<AsyncStateMachineAttribute>() is not null)
        {
            throw new NotSupportedException(
                $"{Where}: the method is async void, so the lease would be released at its first await while the rest of it still runs. Return Task instead.");
        }

        if (method.GetCustomAttribute<IteratorStateMachineAttribute>() is not null
            || method.GetCustomAttribute<AsyncIteratorStateMachineAttribute>() is not null)
        {
            throw new NotSupportedException(
                $"{Where}: the method is an iterator, so its body runs while the caller enumerates, after the lease would have been released. " +
                "Lock inside the loop with ILockProvider, or collect the items in a locked method that returns a list.");
        }

        // Only Task and ValueTask are awaited inside the lease; any other awaitable would be handed back as a plain value,
        // releasing the lease while the work it stands for still runs.
        if (ReturnShape.Of(returnType).IsOtherAwaitable)
        {
            throw new NotSupportedException(
                $"{Where}: the method returns {returnType.Name}, an awaitable the lease cannot wait for, so it would be released while the work " +
                "still runs. Return Task or ValueTask (Task<T> or ValueTask<T> for a result), and await the other awaitable inside the method.");
        }
    }

    private sealed record ResolvedOptions(LocksmithRuntime Runtime, LeaseOptions Options);
}
