using System.Collections.Concurrent;

namespace Orders;

/// <summary>
/// Stock kept the way many real systems keep it: read, think, write back. Without a lock two reservations of the same
/// SKU read the same count and one write is lost. The warehouse also counts how many callers are inside at once.
/// </summary>
public sealed class Warehouse
{
    private readonly ConcurrentDictionary<string, int> _stock = new();
    private readonly ConcurrentDictionary<string, int> _inside = new();
    private int _maxInsideOneSku;

    public Warehouse(IEnumerable<string> skus, int unitsEach)
    {
        foreach (var sku in skus)
        {
            _stock[sku] = unitsEach;
        }
    }

    public int MaxInsideOneSku => _maxInsideOneSku;

    public IReadOnlyDictionary<string, int> Stock => _stock;

    public async Task<bool> TakeAsync(string sku, int quantity, CancellationToken cancellationToken)
    {
        var inside = _inside.AddOrUpdate(sku, 1, (_, n) => n + 1);
        Max(ref _maxInsideOneSku, inside);
        try
        {
            var available = _stock[sku];
            await Task.Delay(2, cancellationToken); // the "think" between read and write: a database round trip
            if (available < quantity)
            {
                return false;
            }

            _stock[sku] = available - quantity;
            return true;
        }
        finally
        {
            _inside.AddOrUpdate(sku, 0, (_, n) => n - 1);
        }
    }

    internal static void Max(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
