namespace Locksmith;

/// <summary>What a woven method does when its lock or permit is taken by someone else.</summary>
public enum Busy
{
    /// <summary>Wait up to the wait timeout, then throw <see cref="LockTimeoutException"/>. The default.</summary>
    Wait,

    /// <summary>
    /// Try once (or for the wait timeout, when one is set) and, if still busy, return without running the body: a
    /// completed task, or the default value of the return type. Meant for scheduled work that another node is already
    /// doing. Counted by the <c>locksmith.skipped</c> metric.
    /// </summary>
    Skip,
}
