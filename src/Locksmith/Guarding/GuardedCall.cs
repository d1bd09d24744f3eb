using Locksmith.Diagnostics;
using Locksmith.Locks;

namespace Locksmith.Weaving;

/// <summary>Entering and leaving the guarded region of one woven call; the return-type wrappers call these.</summary>
internal static class GuardedCall
{
    public static object? Invoke(WovenPlan plan, Func<object[], object> target, object[] args) =>
        plan.Invoker.Invoke(plan, target, args);

    /// <summary>
    /// Computes the key, waits for the lease, and swaps in a token that also fires when the lease is lost. A flow that
    /// already holds the key (a locked method calling another method locked on the same key) re-enters without waiting.
    /// </summary>
    public static async ValueTask<GuardScope> EnterAsync(GuardPlan plan, object?[] args)
    {
        var runtime = LocksmithRuntime.Current(plan.Method, plan.AttributeName);
        if (plan.MoreKeys.Count > 0)
        {
            return await EnterSetAsync(runtime, plan, args).ConfigureAwait(false);
        }

        var key = plan.Key.Format(args);
        if (plan.IsHeldInFlow(key))
        {
            return new GuardScope(runtime, plan, null, null, key);
        }

        var callerToken = plan.CallerToken(args);
        var lease = plan.OnBusy == Busy.Skip
            ? await plan.TryAcquireAsync(runtime, key, callerToken).ConfigureAwait(false)
            : await plan.AcquireAsync(runtime, key, callerToken).ConfigureAwait(false);
        if (lease is null)
        {
            return Skipped(runtime, plan, key);
        }

        return new GuardScope(runtime, plan, lease, Link(plan, args, callerToken, lease.LostToken), key);
    }

    /// <summary>
    /// A lock on several keys: the keys this flow does not hold yet are taken as one set (one global order, one wait
    /// budget); the ones it holds are re-entered.
    /// </summary>
    private static async ValueTask<GuardScope> EnterSetAsync(LocksmithRuntime runtime, GuardPlan plan, object?[] args)
    {
        var keys = LockLeaseSet.Order([plan.Key.Format(args), .. plan.MoreKeys.Select(k => k.Format(args))]);
        var missing = keys.Where(k => !plan.IsHeldInFlow(k)).ToList();
        var named = string.Join(", ", keys);
        if (missing.Count == 0)
        {
            return new GuardScope(runtime, plan, null, null, named);
        }

        var callerToken = plan.CallerToken(args);
        ILockLeaseSet set;
        try
        {
            set = await plan.AcquireAllAsync(runtime, missing, callerToken).ConfigureAwait(false);
        }
        catch (LockTimeoutException) when (plan.OnBusy == Busy.Skip)
        {
            return Skipped(runtime, plan, named);
        }

        return new GuardScope(runtime, plan, null, Link(plan, args, callerToken, set.LostToken), named, set: set);
    }

    /// <summary>Swaps the method's token for one that also fires on loss; none when the method takes no token.</summary>
    private static CancellationTokenSource? Link(GuardPlan plan, object?[] args, CancellationToken callerToken, CancellationToken lostToken)
    {
        if (plan.CancellationTokenIndex < 0)
        {
            return null;
        }

        var linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, lostToken);
        args[plan.CancellationTokenIndex] = linked.Token;
        return linked;
    }

    private static GuardScope Skipped(LocksmithRuntime runtime, GuardPlan plan, string key)
    {
        Log.SkippedBusy(runtime.Logger, plan.MethodName, plan.AttributeName, key);
        LocksmithInstruments.Skipped.Add(1, LocksmithInstruments.Kind(plan.Kind));
        return new GuardScope(runtime, plan, null, null, key, skipped: true);
    }
}

/// <summary>
/// A held lease (or set of leases) for one call: none when re-entered, or for a guard that holds nothing, such as a rate
/// limit (the default value). Released by <see cref="ExitAsync"/> whatever the body did.
/// </summary>
internal readonly struct GuardScope(
    LocksmithRuntime runtime, GuardPlan plan, ILease? lease, CancellationTokenSource? linked, string key, bool skipped = false, ILockLeaseSet? set = null)
{
    /// <summary>The key was busy and the method skips its body (<see cref="Busy.Skip"/>): the call returns at once.</summary>
    public bool IsSkipped => skipped;

    /// <summary>Marks the keys held for the body's flow; dispose after the body to unmark.</summary>
    public HeldInFlow.Mark MarkHeld() =>
        set is not null ? HeldInFlow.EnterAll(plan.Kind, set.Keys, set.Leases)
        : lease is null ? default
        : HeldInFlow.Enter(plan.Kind, key, lease);

    /// <summary>Releases the lease; never throws, so the body's own outcome (result or exception) is what the caller sees.</summary>
    public async ValueTask ExitAsync()
    {
        linked?.Dispose();
        if (set is not null)
        {
            if (set.IsLost)
            {
                Log.FinishedAfterLoss(runtime.Logger, plan.MethodName, plan.AttributeName, key);
            }

            await set.DisposeAsync().ConfigureAwait(false);
            return;
        }

        if (lease is null)
        {
            return;
        }

        if (lease.IsLost)
        {
            Log.FinishedAfterLoss(runtime.Logger, plan.MethodName, plan.AttributeName, lease.Key);
        }

        await lease.DisposeAsync().ConfigureAwait(false);
    }
}
