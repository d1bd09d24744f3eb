using System.ComponentModel;
using System.Reflection;
using AspectInjector.Broker;

namespace Locksmith.Weaving;

/// <summary>
/// The code woven around methods marked <see cref="RateLimitAttribute"/>. Public only because woven assemblies call it;
/// not meant to be used directly.
/// </summary>
[Aspect(Scope.Global)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RateLimitAdvice
{
    /// <summary>Runs the original method body once the rate limit grants a permit.</summary>
    /// <param name="target">The original body.</param>
    /// <param name="args">The call's arguments.</param>
    /// <param name="method">The woven method.</param>
    /// <returns>What the original body returns (or a task for it).</returns>
    [Advice(Kind.Around, Targets = Target.Method)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "AspectInjector calls advice on the aspect instance.")]
    public object? Around(
        [Argument(Source.Target)] Func<object[], object> target,
        [Argument(Source.Arguments)] object[] args,
        [Argument(Source.Metadata)] MethodBase method) =>
        GuardedCall.Invoke(RateLimitPlan.For(method), target, args);
}
