namespace Locksmith.Benchmarks;

/// <summary>
/// Exact bytes allocated per call on the calling thread (BenchmarkDotNet's figure, without its run time), for the
/// synchronous-completing calls of <see cref="WeavingBenchmarks"/>: `--alloc` prints one line per benchmark, then which
/// types the hand-written and the woven call allocate.
/// </summary>
internal static class AllocationProbe
{
    public static void Run()
    {
        var benchmarks = new WeavingBenchmarks();
        benchmarks.Setup();
        try
        {
            Measure("hand-written Task<int>(string, int)", () => benchmarks.HandWrittenAsync().GetAwaiter().GetResult());
            Measure("woven Task<int>(string, int)", () => benchmarks.WovenAsync().GetAwaiter().GetResult());
            Measure("hand-written Task<int>(string)", () => benchmarks.HandWrittenStringOnlyAsync().GetAwaiter().GetResult());
            Measure("woven Task<int>(string)", () => benchmarks.WovenStringOnlyAsync().GetAwaiter().GetResult());
            Measure("hand-written int(string), sync", () => benchmarks.HandWrittenSync());
            Measure("woven int(string), sync", () => benchmarks.WovenSync());
            Console.WriteLine();
            AllocationSampler.Sample("hand-written Task<int>(string)", () => benchmarks.HandWrittenStringOnlyAsync().GetAwaiter().GetResult());
            AllocationSampler.Sample("woven Task<int>(string)", () => benchmarks.WovenStringOnlyAsync().GetAwaiter().GetResult());
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    private static void Measure(string name, Func<int> call)
    {
        const int Calls = 100_000;
        // Let tiered compilation finish (call counting starts after a delay), so steady-state code is what is measured.
        var warm = System.Diagnostics.Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 1_000)
        {
            call();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            call();
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Calls;
        Console.WriteLine($"{name,-40} {perCall,8:0.0} B/call");
    }
}
