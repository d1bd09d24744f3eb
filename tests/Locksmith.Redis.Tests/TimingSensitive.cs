namespace Locksmith.Redis.Tests;

/// <summary>
/// Tests that kill, pause or restart servers and measure how long things take run alone, not beside the conformance
/// suites: on two cores a parallel neighbour can starve a renewal or stretch a timing past its bound.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive fault tests";
}
