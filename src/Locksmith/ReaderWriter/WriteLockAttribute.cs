using AspectInjector.Broker;
using Locksmith.Weaving;

namespace Locksmith;

/// <summary>
/// Runs the method holding the reader-writer lock named by <see cref="KeyTemplate"/> for writing: no
/// <see cref="ReadLockAttribute"/> or other <see cref="WriteLockAttribute"/> call of the key runs meanwhile. While it
/// waits for readers to leave, new readers wait behind it. Calling it from a flow that holds only the key's read lock
/// throws <see cref="InvalidOperationException"/> instead of waiting for itself (analyzer rule LSM012 reports it at build
/// time where it can see the keys).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
[Injection(typeof(WriteLockAdvice))]
public sealed class WriteLockAttribute : Attribute
{
    /// <summary>Write-locks the key produced by <paramref name="keyTemplate"/>.</summary>
    /// <param name="keyTemplate">The lock key, with the placeholders of <see cref="DistributedLockAttribute.KeyTemplate"/>: <c>"catalog:{id}"</c>.</param>
    public WriteLockAttribute(string keyTemplate)
    {
        KeyTemplate = keyTemplate;
    }

    /// <summary>The key template given to the constructor.</summary>
    public string KeyTemplate { get; }

    /// <summary>The lease time to live (<c>"30s"</c>, <c>"500ms"</c>, ...). Defaults to the configured <see cref="LeaseOptions.Ttl"/> of locks.</summary>
    public string? Ttl { get; set; }

    /// <summary>How long to wait (<c>"5s"</c>, <c>"0"</c>, <c>"infinite"</c>). Defaults to the configured <see cref="LeaseOptions.WaitTimeout"/> of locks.</summary>
    public string? WaitTimeout { get; set; }

    /// <summary>Whether the lease is renewed while the body runs. Defaults to <see langword="true"/>.</summary>
    public bool Renew { get; set; } = true;

    /// <summary>Whether the write lease gets a fencing token (<see cref="ILockLease.FencingToken"/>). Defaults to <see langword="false"/>.</summary>
    public bool Fencing { get; set; }
}
