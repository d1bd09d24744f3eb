using System.Collections.Concurrent;
using Locksmith;
using StackExchange.Redis;

namespace Orders;

/// <summary>A confirmed order to ship.</summary>
/// <param name="CustomerId">The customer; their shipments leave in the order they were placed.</param>
/// <param name="OrderNumber">The customer's order number, counting from 0.</param>
/// <param name="Sku">What to ship.</param>
/// <param name="Units">How many.</param>
public sealed record Shipment(int CustomerId, int OrderNumber, string Sku, int Units);

/// <summary>
/// Shipping runs in consumer processes: calling <see cref="ShipAsync"/> only stores the shipment in the "shipments"
/// queue, and returns once it is stored. One customer's shipments share a partition, so they leave in order.
/// </summary>
public sealed class Shipping(IShipmentLog log)
{
    [QueuedBy("shipments", PartitionKey = "{shipment.CustomerId}")]
    public Task ShipAsync(Shipment shipment, CancellationToken cancellationToken) =>
        log.RecordAsync(shipment, Environment.ProcessId, cancellationToken);
}

/// <summary>Where shipped orders are written down, with the process that shipped them.</summary>
public interface IShipmentLog
{
    Task RecordAsync(Shipment shipment, int processId, CancellationToken cancellationToken);

    Task<IReadOnlyList<(Shipment Shipment, int ProcessId)>> ReadAsync();
}

/// <summary>The log in this process's memory, for the in-memory run (consumers run in this process).</summary>
public sealed class InMemoryShipmentLog : IShipmentLog
{
    private readonly ConcurrentQueue<(Shipment, int)> _shipped = new();

    public Task RecordAsync(Shipment shipment, int processId, CancellationToken cancellationToken)
    {
        _shipped.Enqueue((shipment, processId));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(Shipment Shipment, int ProcessId)>> ReadAsync() => Task.FromResult<IReadOnlyList<(Shipment, int)>>([.. _shipped]);
}

/// <summary>
/// The log as files, one per consumer process (so appends never interleave), for the Kafka run: the process that
/// enqueued reads every consumer's file back.
/// </summary>
public sealed class FileShipmentLog(string directory) : IShipmentLog
{
    private readonly Lock _gate = new();

    public Task RecordAsync(Shipment shipment, int processId, CancellationToken cancellationToken)
    {
        // Bodies of different partitions run at once; a short synchronous append under a lock keeps lines whole.
        var line = $"{shipment.CustomerId}|{shipment.OrderNumber}|{shipment.Sku}|{shipment.Units}|{processId}{Environment.NewLine}";
        lock (_gate)
        {
            File.AppendAllText(Path.Combine(directory, $"shipped-{processId}.log"), line);
        }

        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<(Shipment Shipment, int ProcessId)>> ReadAsync()
    {
        var shipped = new List<(Shipment, int)>();
        foreach (var file in Directory.EnumerateFiles(directory, "shipped-*.log"))
        {
            foreach (var line in await File.ReadAllLinesAsync(file))
            {
                shipped.Add(ShipmentLine.Parse(line));
            }
        }

        return shipped;
    }
}

/// <summary>A shipped order as one line of text, <c>customer|order|sku|units|process</c>.</summary>
internal static class ShipmentLine
{
    public static (Shipment Shipment, int ProcessId) Parse(string line)
    {
        var p = line.Split('|');
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return (new Shipment(int.Parse(p[0], invariant), int.Parse(p[1], invariant), p[2], int.Parse(p[3], invariant)), int.Parse(p[4], invariant));
    }
}

/// <summary>The log in a Redis list, so the consumer processes' work can be checked by the process that enqueued it.</summary>
public sealed class RedisShipmentLog(IConnectionMultiplexer redis, string key) : IShipmentLog
{
    public async Task RecordAsync(Shipment shipment, int processId, CancellationToken cancellationToken) =>
        await redis.GetDatabase().ListRightPushAsync(key, $"{shipment.CustomerId}|{shipment.OrderNumber}|{shipment.Sku}|{shipment.Units}|{processId}");

    public async Task<IReadOnlyList<(Shipment Shipment, int ProcessId)>> ReadAsync() =>
        [.. (await redis.GetDatabase().ListRangeAsync(key)).Select(v => ShipmentLine.Parse(v!))];
}
