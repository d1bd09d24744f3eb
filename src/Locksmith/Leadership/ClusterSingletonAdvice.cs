using System.ComponentModel;
using System.Reflection;
using AspectInjector.Broker;
using Locksmith.Leadership;

namespace Locksmith.Weaving;

/// <summary>
/// The code woven around methods marked <see cref="ClusterSingletonAttribute"/> (or every method of a class marked with
/// it, of which only <c>ExecuteAsync</c> is affected). Public only because woven assemblies call it; not meant to be used directly.
/// </summary>
[Aspect(Scope.Global)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ClusterSingletonAdvice
{
    /// <summary>Runs the original body while this process leads the election.</summary>
    /// <param name="target">The original body.</param>
    /// <param name="args">The call's arguments.</param>
    /// <param name="method">The woven method.</param>
    /// <returns>What the original body returns, or a task that runs it under the leadership.</returns>
    [Advice(Kind.Around, Targets = Target.Method)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "AspectInjector calls advice on the aspect instance.")]
    public object? Around(
        [Argument(Source.Target)] Func<object[], object> target,
        [Argument(Source.Arguments)] object[] args,
        [Argument(Source.Metadata)] MethodBase method)
    {
        var plan = ClusterSingletonPlan.For(method);
        return plan.Applies ? ClusterSingletonRun.RunAsync(plan, target, args) : target(args);
    }
}
