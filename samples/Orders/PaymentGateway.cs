namespace Orders;

/// <summary>A payment provider that allows 3 concurrent requests per merchant and counts how many it saw at once.</summary>
public sealed class PaymentGateway
{
    public const int ConcurrentRequestsAllowed = 3;

    private int _inFlight;
    private int _maxInFlight;

    public int MaxInFlight => _maxInFlight;

    public async Task<string> ChargeAsync(string customer, decimal amount, CancellationToken cancellationToken)
    {
        Warehouse.Max(ref _maxInFlight, Interlocked.Increment(ref _inFlight));
        try
        {
            await Task.Delay(5, cancellationToken);
            return $"pay-{customer}-{amount:0.00}";
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
