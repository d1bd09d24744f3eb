using System.Reflection;
using Locksmith.Keys;

namespace Locksmith.Weaving;

/// <summary>
/// What every woven attribute that guards a call computes once per method: the compiled key template, where the
/// method's <see cref="CancellationToken"/> parameter is, and the wrapper for its return type. A lease guard
/// (<see cref="GuardPlan"/>) holds something across the body; a rate limit only waits before it.
/// </summary>
internal abstract class WovenPlan
{
    protected WovenPlan(MethodBase method, string attributeName, string? keyTemplate)
    {
        Method = method;
        AttributeName = attributeName;
        Where = $"[{attributeName}] on {method.DeclaringType?.FullName}.{method.Name}";
        MethodName = $"{method.DeclaringType?.Name}.{method.Name}";
        ReturnType = method is MethodInfo info ? info.ReturnType : typeof(void);
        Key = CompiledKeyTemplate.Bind(KeyTemplate.Parse(keyTemplate, Where), method, Where);
        CancellationTokenIndex = Array.FindIndex(method.GetParameters(), p => p.ParameterType == typeof(CancellationToken));
        Invoker = ReturnInvoker.For(ReturnType);
    }

    public MethodBase Method { get; }

    public string AttributeName { get; }

    /// <summary>Names the attribute and method in messages.</summary>
    public string Where { get; }

    /// <summary><c>Type.Method</c>, as log events name the woven method.</summary>
    public string MethodName { get; }

    public Type ReturnType { get; }

    public CompiledKeyTemplate Key { get; }

    public int CancellationTokenIndex { get; }

    public ReturnInvoker Invoker { get; }

    /// <summary>Does what must happen before the body; the scope undoes it after the body (or nothing, by default).</summary>
    public abstract ValueTask<GuardScope> EnterAsync(object?[] args);

    /// <summary>The caller's token, when the method takes one.</summary>
    public CancellationToken CallerToken(object?[] args) =>
        CancellationTokenIndex >= 0 ? (CancellationToken)args[CancellationTokenIndex]! : CancellationToken.None;

    protected TimeSpan Duration(string? text, string property, TimeSpan fallback) =>
        text is null ? fallback : DurationParser.Parse(text, property, Where);
}
