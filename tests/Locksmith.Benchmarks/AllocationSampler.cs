using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Locksmith.Benchmarks;

/// <summary>
/// Names the types a call allocates: the runtime reports a sampled allocation (with its type) every ~100 KB, so over
/// a million calls the sample counts are proportional to the bytes each type takes per call.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    public ConcurrentDictionary<string, long> BytesByType { get; } = new();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null)
        {
            return;
        }

        var type = eventData.PayloadNames!.IndexOf("TypeName") is var i and >= 0 ? eventData.Payload[i] as string : null;
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var j and >= 0 ? Convert.ToInt64(eventData.Payload[j], System.Globalization.CultureInfo.InvariantCulture) : 0;
        BytesByType.AddOrUpdate(type ?? "?", amount, (_, n) => n + amount);
    }

    public static void Sample(string name, Func<int> call)
    {
        using var sampler = new AllocationSampler();
        for (var i = 0; i < 2_000_000; i++)
        {
            call();
        }

        var total = sampler.BytesByType.Values.Sum();
        Console.WriteLine($"{name}: sampled allocation share by type");
        foreach (var (type, bytes) in sampler.BytesByType.OrderByDescending(p => p.Value).Take(12))
        {
            Console.WriteLine($"  {bytes * 100.0 / Math.Max(1, total),5:0.0}%  {type}");
        }
    }

    /// <summary>
    /// Runs <paramref name="run"/> (which returns the bytes it allocated per item) under the sampler and prints which
    /// types those bytes were, in bytes per item: the table every throughput benchmark prints under its rates.
    /// </summary>
    public static async Task ReportPerItemAsync(string name, Func<Task<double>> run)
    {
        using var sampler = new AllocationSampler();
        var bytesPerItem = await run();
        var total = sampler.BytesByType.Values.Sum();
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant, $"{name}: {bytesPerItem:N0} B/item; sampled allocation share by type:"));
        foreach (var (type, bytes) in sampler.BytesByType.OrderByDescending(p => p.Value).Take(14))
        {
            Console.WriteLine(string.Create(invariant, $"  {bytes * 100.0 / Math.Max(1, total),5:0.0}%  {bytes * bytesPerItem / Math.Max(1, total),6:0} B  {type}"));
        }
    }
}
