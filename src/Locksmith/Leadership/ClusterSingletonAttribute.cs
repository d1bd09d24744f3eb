using AspectInjector.Broker;
using Locksmith.Weaving;

namespace Locksmith;

/// <summary>
/// Runs a background loop on one process at a time: the body starts only once this process leads the election named
/// <see cref="Election"/>. When the leadership is lost the body's token is cancelled and the process campaigns again;
/// when the body ends (the host stopping) the process resigns at once, so another takes over without waiting for the
/// time to live. Put it on a <c>BackgroundService</c> (it applies to <c>ExecuteAsync</c>) or on a method returning
/// <see cref="Task"/> that takes a <see cref="CancellationToken"/>.
/// </summary>
/// <remarks>
/// The body's token is the one to watch: a paused process wakes to a cancelled token before its successor's term can
/// be overwritten only if the protected resource also checks <see cref="ILeadership.Term"/>, which the body can read
/// from <see cref="LeaderElection.Current"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
[Injection(typeof(ClusterSingletonAdvice))]
public sealed class ClusterSingletonAttribute : Attribute
{
    /// <summary>Runs the body only on the leader of <paramref name="election"/>.</summary>
    /// <param name="election">The election's name, shared by every process that runs this body, such as <c>"billing-sweeper"</c>.</param>
    public ClusterSingletonAttribute(string election)
    {
        Election = election;
    }

    /// <summary>The election's name given to the constructor.</summary>
    public string Election { get; }
}
