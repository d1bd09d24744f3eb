using Locksmith.Generators.Queues;

namespace Locksmith.Generators.Tests;

/// <summary>
/// The generator cannot reference the core, so it keeps its own copy of the core's return kinds; this keeps the two
/// copies naming the same kinds in the same order, so a kind added to one is added to the other.
/// </summary>
public sealed class ReturnKindTests
{
    [Fact]
    public void The_generator_and_the_core_name_the_same_return_kinds()
    {
        var core = typeof(LocksmithRuntime).Assembly.GetType("Locksmith.Weaving.ReturnKind", throwOnError: true)!;
        var generator = typeof(QueuedRegistryGenerator).Assembly.GetType("Locksmith.Generators.Queues.Model.ReturnKind", throwOnError: true)!;

        Assert.Equal(Enum.GetNames(core), Enum.GetNames(generator));
    }
}
