using AspectInjector.Broker;
using Locksmith.Weaving;

namespace Locksmith;

/// <summary>
/// Runs the method holding the reader-writer lock named by <see cref="KeyTemplate"/> for reading: other
/// <see cref="ReadLockAttribute"/> calls of the key run at the same time, <see cref="WriteLockAttribute"/> calls do not.
/// Taken before the body starts, renewed while it runs, released when it ends. A flow that holds the key's write lock
/// (a <see cref="WriteLockAttribute"/> method calling this one) re-enters without waiting.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
[Injection(typeof(ReadLockAdvice))]
public sealed class ReadLockAttribute : Attribute
{
    /// <summary>Read-locks the key produced by <paramref name="keyTemplate"/>.</summary>
    /// <param name="keyTemplate">The lock key, with the placeholders of <see cref="DistributedLockAttribute.KeyTemplate"/>: <c>"catalog:{id}"</c>.</param>
    public ReadLockAttribute(string keyTemplate)
    {
        KeyTemplate = keyTemplate;
    }

    /// <summary>The key template given to the constructor.</summary>
    public string KeyTemplate { get; }

    /// <summary>This reader's time to live (<c>"30s"</c>, <c>"500ms"</c>, ...). Defaults to the configured <see cref="LeaseOptions.Ttl"/> of locks.</summary>
    public string? Ttl { get; set; }

    /// <summary>How long to wait (<c>"5s"</c>, <c>"0"</c>, <c>"infinite"</c>). Defaults to the configured <see cref="LeaseOptions.WaitTimeout"/> of locks.</summary>
    public string? WaitTimeout { get; set; }

    /// <summary>Whether the lease is renewed while the body runs. Defaults to <see langword="true"/>.</summary>
    public bool Renew { get; set; } = true;
}
