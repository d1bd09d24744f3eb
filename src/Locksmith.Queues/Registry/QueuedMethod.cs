namespace Locksmith.Queues;

/// <summary>One method marked <see cref="QueuedByAttribute"/>, as the generated registry describes it.</summary>
public sealed class QueuedMethod
{
    /// <summary>Describes a queued method; called by generated code.</summary>
    /// <param name="declaringType">The type declaring the method; consumers resolve it from the service provider.</param>
    /// <param name="methodName">The method's name.</param>
    /// <param name="parameterTypes">Every parameter's type, in order, cancellation tokens included.</param>
    /// <param name="resultType">The type of the method's result (the <c>T</c> of <c>Task&lt;T&gt;</c>), or null when it has none.</param>
    /// <param name="isStatic">Whether the method is static, so no service is resolved.</param>
    /// <param name="attribute">The method's attribute.</param>
    /// <param name="invoker">Calls the method.</param>
    public QueuedMethod(Type declaringType, string methodName, Type[] parameterTypes, Type? resultType, bool isStatic, QueuedByAttribute attribute, QueuedInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(declaringType);
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        ArgumentNullException.ThrowIfNull(parameterTypes);
        ArgumentNullException.ThrowIfNull(attribute);
        ArgumentNullException.ThrowIfNull(invoker);
        DeclaringType = declaringType;
        MethodName = methodName;
        ParameterTypes = parameterTypes;
        ResultType = resultType;
        IsStatic = isStatic;
        Attribute = attribute;
        Invoker = invoker;
        Id = QueuedMethodId.For(declaringType, methodName, parameterTypes);
    }

    /// <summary>The name items of this method carry (<c>Namespace.Type.Method(ParameterType,...)</c>).</summary>
    public string Id { get; }

    /// <summary>The type declaring the method.</summary>
    public Type DeclaringType { get; }

    /// <summary>The method's name.</summary>
    public string MethodName { get; }

    /// <summary>Every parameter's type, in order.</summary>
    public IReadOnlyList<Type> ParameterTypes { get; }

    /// <summary>The result's type, or null.</summary>
    public Type? ResultType { get; }

    /// <summary>Whether the method is static.</summary>
    public bool IsStatic { get; }

    /// <summary>The method's attribute: its queue and settings.</summary>
    public QueuedByAttribute Attribute { get; }

    /// <summary>Calls the method.</summary>
    public QueuedInvoker Invoker { get; }
}
