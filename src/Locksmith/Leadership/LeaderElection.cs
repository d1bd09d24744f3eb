namespace Locksmith;

/// <summary>The leadership a <see cref="ClusterSingletonAttribute"/> body runs under.</summary>
public static class LeaderElection
{
    private static readonly AsyncLocal<ILeadership?> Flow = new();

    /// <summary>
    /// The leadership of the <see cref="ClusterSingletonAttribute"/> body running in this async flow (its term, to stamp
    /// writes with), or <see langword="null"/> outside one.
    /// </summary>
    public static ILeadership? Current => Flow.Value;

    internal static void Enter(ILeadership? leadership) => Flow.Value = leadership;
}
