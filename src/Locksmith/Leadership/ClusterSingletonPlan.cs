using System.Collections.Concurrent;
using System.Reflection;

namespace Locksmith.Leadership;

/// <summary>
/// What a <see cref="ClusterSingletonAttribute"/> means for one woven method, decided on its first call: on a class the
/// attribute applies to <c>ExecuteAsync(CancellationToken)</c> only, and every other method runs as written.
/// </summary>
internal sealed class ClusterSingletonPlan
{
    private const string AttributeName = "ClusterSingleton";
    private const string ExecuteAsyncName = "ExecuteAsync";
    private static readonly ConcurrentDictionary<MethodBase, ClusterSingletonPlan> Plans = new();

    private ClusterSingletonPlan(MethodBase method)
    {
        Method = method;
        Where = $"[{AttributeName}] on {method.DeclaringType?.FullName}.{method.Name}";
        var onMethod = method.GetCustomAttribute<ClusterSingletonAttribute>();
        var attribute = onMethod ?? method.DeclaringType?.GetCustomAttribute<ClusterSingletonAttribute>();
        var tokenIndex = Array.FindIndex(method.GetParameters(), p => p.ParameterType == typeof(CancellationToken));
        var returnsTask = method is MethodInfo info && info.ReturnType == typeof(Task);
        if (attribute is null || (onMethod is null && !(method.Name == ExecuteAsyncName && returnsTask && tokenIndex >= 0)))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(attribute.Election))
        {
            throw new ArgumentException($"{Where}: the election name is empty. Name the work, such as [ClusterSingleton(\"billing-sweeper\")].");
        }

        if (!returnsTask || tokenIndex < 0)
        {
            throw new NotSupportedException(
                $"{Where}: a cluster singleton must return Task and take a CancellationToken, which is cancelled when the leadership is lost. " +
                "Declare it as Task RunAsync(CancellationToken cancellationToken), or put the attribute on a BackgroundService.");
        }

        Election = attribute.Election;
        TokenIndex = tokenIndex;
        Applies = true;
    }

    public MethodBase Method { get; }

    public string Where { get; }

    /// <summary>False for the other methods of a class marked on the class: they run unchanged.</summary>
    public bool Applies { get; }

    public string Election { get; } = "";

    public int TokenIndex { get; } = -1;

    public static ClusterSingletonPlan For(MethodBase method) =>
        Plans.TryGetValue(method, out var plan) ? plan : Plans.GetOrAdd(method, static m => new ClusterSingletonPlan(m));
}
