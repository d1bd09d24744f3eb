using System.ComponentModel;
using System.Reflection;
using AspectInjector.Broker;

namespace Locksmith.Weaving;

/// <summary>
/// The code woven around methods marked <see cref="QueuedByAttribute"/>. Public only because woven assemblies call it;
/// not meant to be used directly.
/// </summary>
[Aspect(Scope.Global)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class QueueAdvice
{
    /// <summary>
    /// Enqueues the call; or, when a consumer is dispatching exactly this item, runs the original body.
    /// </summary>
    /// <param name="target">The original body.</param>
    /// <param name="args">The call's arguments.</param>
    /// <param name="method">The woven method.</param>
    /// <returns>A task for the enqueue (or the result), or what the body returns when dispatched.</returns>
    [Advice(Kind.Around, Targets = Target.Method)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "AspectInjector calls advice on the aspect instance.")]
    public object? Around(
        [Argument(Source.Target)] Func<object[], object> target,
        [Argument(Source.Arguments)] object[] args,
        [Argument(Source.Metadata)] MethodBase method)
    {
        var plan = QueuePlan.For(method);
        if (QueueDispatchFrame.Current is { } frame && frame.TryEnter(plan.MethodId))
        {
            return target(args);
        }

        return plan.Call.Invoke(plan, args);
    }
}
