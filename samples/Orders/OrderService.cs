using Locksmith;

namespace Orders;

/// <summary>The application code: two attributes are all it takes to make it safe under concurrency.</summary>
public class OrderService(Warehouse warehouse, PaymentGateway payments)
{
    /// <summary>One reservation per SKU at a time, across every process sharing the backend.</summary>
    [DistributedLock("stock:{sku}", Ttl = "10s", WaitTimeout = "30s")]
    public virtual Task<bool> ReserveAsync(string sku, int quantity, CancellationToken cancellationToken) =>
        warehouse.TakeAsync(sku, quantity, cancellationToken);

    /// <summary>Never more than the gateway allows in flight.</summary>
    [Semaphore(PaymentGateway.ConcurrentRequestsAllowed, Key = "payment-gateway", WaitTimeout = "30s")]
    public virtual Task<string> ChargeAsync(string customer, decimal amount, CancellationToken cancellationToken) =>
        payments.ChargeAsync(customer, amount, cancellationToken);
}

/// <summary>The same code without the attributes, to show what the attributes prevent.</summary>
public sealed class UnprotectedOrderService(Warehouse warehouse, PaymentGateway payments)
{
    public Task<bool> ReserveAsync(string sku, int quantity, CancellationToken cancellationToken) =>
        warehouse.TakeAsync(sku, quantity, cancellationToken);

    public Task<string> ChargeAsync(string customer, decimal amount, CancellationToken cancellationToken) =>
        payments.ChargeAsync(customer, amount, cancellationToken);
}
