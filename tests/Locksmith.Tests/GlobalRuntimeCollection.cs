namespace Locksmith.Tests;

/// <summary>
/// Tests that activate a runtime process-wide (as a host does), or that need none to be active, run one at a time
/// and never beside tests that call woven methods.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRuntimeCollection
{
    public const string Name = "Process-wide Locksmith runtime";
}
