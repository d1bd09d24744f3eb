using System.Runtime.CompilerServices;

namespace Locksmith.Testing;

internal static class TestHostSetup
{
    // Two-core CI machines start the test host with two pool threads; while the runner and JIT keep them busy, timers
    // (and so lease renewals) can be late by half a second. Tests with sub-second TTLs need prompt timers.
    [ModuleInitializer]
    internal static void Initialize() => ThreadPool.SetMinThreads(Math.Max(32, Environment.ProcessorCount), Math.Max(32, Environment.ProcessorCount));
}
