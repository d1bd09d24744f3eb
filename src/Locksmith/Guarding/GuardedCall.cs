using Locksmith.Diagnostics;

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
        var key = plan.Key.Format(args);
        if (HeldInFlow.IsHeld(plan.Kind, key))
        {
            return new GuardScope(runtime, plan, null, null, key);
        }

        var index = plan.CancellationTokenIndex;
        var callerToken = index >= 0 ? (CancellationToken)args[index]! : CancellationToken.None;
        var lease = await plan.AcquireAsync(runtime, key, callerToken).ConfigureAwait(false);
        CancellationTokenSource? linked = null;
        if (index >= 0)
        {
            linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, lease.LostToken);
            args[index] = linked.Token;
        }

        return new GuardScope(runtime, plan, lease, linked, key);
    }
}

/// <summary>
/// A held lease for one call (none when re-entered, or for a guard that holds nothing, such as a rate limit: the
/// default value), released by <see cref="ExitAsync"/> whatever the body did.
/// </summary>
internal readonly struct GuardScope(LocksmithRuntime runtime, GuardPlan plan, ILease? lease, CancellationTokenSource? linked, string key)
{
    /// <summary>Marks the key held for the body's flow; dispose after the body to unmark.</summary>
    public HeldInFlow.Mark MarkHeld() => lease is null ? default : HeldInFlow.Enter(plan.Kind, key, lease);

    /// <summary>Releases the lease; never throws, so the body's own outcome (result or exception) is what the caller sees.</summary>
    public async ValueTask ExitAsync()
    {
        linked?.Dispose();
        if (lease is null)
        {
            return;
        }

        if (lease.IsLost)
        {
            Log.FinishedAfterLoss(runtime.Logger, $"{plan.Method.DeclaringType?.Name}.{plan.Method.Name}", plan.AttributeName, lease.Key);
        }

        await lease.DisposeAsync().ConfigureAwait(false);
    }
}
