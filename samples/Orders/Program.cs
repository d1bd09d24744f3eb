// Orders: 40 customers place 400 orders at once against 5 SKUs of 60 units each, with and without Locksmith.
// Then every order is shipped through a [QueuedBy] queue: in memory by consumers in this process; with --redis by two
// consumer processes (this program started with --consumer) that share the queue's partitions.
// With --kafka the queue travels on Kafka ("mock" starts librdkafka's mock cluster of 3 brokers in this process, which the
// two consumer processes reach over 127.0.0.1); locks stay in memory.
// Run: dotnet run --project samples/Orders            (in-memory backend)
//      dotnet run --project samples/Orders -- --redis 127.0.0.1:6379
//      dotnet run --project samples/Orders -- --kafka mock      (or --kafka broker:9092)
using Locksmith;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orders;

var redis = ArgValue(args, "--redis");
var kafka = ArgValue(args, "--kafka");
var mockKafka = args.Contains("--mock-kafka");
if (args.Contains("--consumer"))
{
    return await ShippingRun.ConsumeAsync(redis, kafka, mockKafka, ArgValue(args, "--run")!);
}

var run = Guid.NewGuid().ToString("N")[..8];
using var mockCluster = kafka == "mock" ? Locksmith.Kafka.KafkaMockCluster.Start() : null;
var kafkaServers = mockCluster?.BootstrapServers ?? kafka;
StackExchange.Redis.ConnectionMultiplexer? connection = null;

string[] skus = ["apple", "pear", "plum", "fig", "kiwi"];
const int UnitsEach = 60;
const int Customers = 40;
const int OrdersPerCustomer = 10;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddLocksmith(b =>
{
    if (kafkaServers is not null)
    {
        b.UseInMemory();
        ShippingRun.Add(builder.Services, b, new FileShipmentLog(ShippingRun.KafkaLogDirectory(run)));
        ShippingRun.RouteToKafka(b, kafkaServers, mockCluster is not null, run);
    }
    else if (redis is null)
    {
        b.UseInMemory().AddQueueConsumers();
        ShippingRun.Add(builder.Services, b, new InMemoryShipmentLog());
    }
    else
    {
        connection = StackExchange.Redis.ConnectionMultiplexer.Connect($"{redis},connectTimeout=2000,asyncTimeout=5000,abortConnect=false");
        b.UseRedis(connection).ConfigureRedis(o => o.KeyPrefix = $"orders-{run}:");
        ShippingRun.Add(builder.Services, b, new RedisShipmentLog(connection, $"orders-{run}:shipped"));
    }
});
using var host = builder.Build();
await host.StartAsync();

var backendName = kafkaServers is not null ? $"in-memory locks, queue on Kafka at {kafkaServers}{(mockCluster is null ? "" : " (mock cluster)")}"
    : redis is null ? "in-memory" : "Redis at " + redis;
Console.WriteLine($"Backend: {backendName}. {Customers} customers place {Customers * OrdersPerCustomer} orders of 1-3 units against {skus.Length} SKUs of {UnitsEach} units each.");
Console.WriteLine();

var unprotected = await RunAsync("Without Locksmith", (w, p) =>
{
    var service = new UnprotectedOrderService(w, p);
    return (service.ReserveAsync, service.ChargeAsync);
});
RunResult protectedRun;
try
{
    protectedRun = await RunAsync("With [DistributedLock] and [Semaphore]", (w, p) =>
    {
        var service = new OrderService(w, p);
        return (service.ReserveAsync, service.ChargeAsync);
    });
}
catch (LocksmithBackendException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var sweptOk = await ReservationSweeper.RunAsync();
var ledgerOk = await MerchantLedger.RunAsync();

string[] consumerBackend = kafkaServers is not null ? ["--kafka", kafkaServers, .. mockCluster is null ? Array.Empty<string>() : ["--mock-kafka"]]
    : redis is not null ? ["--redis", redis] : [];
var consumers = consumerBackend.Length == 0 ? [] : await ShippingRun.StartConsumersAsync(consumerBackend, run, count: 2);
var shippedOk = await ShippingRun.RunAsync(host.Services, Customers, OrdersPerCustomer, skus);
await ShippingRun.StopConsumersAsync(consumers);
if (kafkaServers is not null)
{
    Directory.Delete(ShippingRun.KafkaLogDirectory(run), recursive: true);
}
await host.StopAsync();
connection?.Dispose();

var ok = shippedOk && sweptOk && ledgerOk && protectedRun.Consistent && protectedRun.MaxInsideOneSku == 1 && protectedRun.MaxPayments <= PaymentGateway.ConcurrentRequestsAllowed;
Console.WriteLine(ok
    ? "Locksmith kept every critical section serialized (no lost stock updates, payments within the gateway's limit), ran the sweeper on one instance at a time, conserved the ledger across transfers, paced refunds to the API's limit, and shipped every order once, in order per customer."
    : "UNEXPECTED: the protected run broke an invariant.");
Console.WriteLine(unprotected.Consistent
    ? "(The unprotected run happened to come out consistent this time; run again to see it lose updates.)"
    : "The unprotected run lost updates: that is the bug the attributes remove.");
return ok ? 0 : 1;

async Task<RunResult> RunAsync(
    string title,
    Func<Warehouse, PaymentGateway, (Func<string, int, CancellationToken, Task<bool>> Reserve, Func<string, decimal, CancellationToken, Task<string>> Charge)> create)
{
    var warehouse = new Warehouse(skus, UnitsEach);
    var payments = new PaymentGateway();
    var (reserve, charge) = create(warehouse, payments);
    var reserved = new int[skus.Length];

    await Task.WhenAll(Enumerable.Range(0, Customers).Select(customer => Task.Run(async () =>
    {
        var random = new Random(customer);
        for (var i = 0; i < OrdersPerCustomer; i++)
        {
            var sku = random.Next(skus.Length);
            var quantity = random.Next(1, 4);
            if (await reserve(skus[sku], quantity, CancellationToken.None))
            {
                Interlocked.Add(ref reserved[sku], quantity);
                await charge($"c{customer}", quantity * 2.5m, CancellationToken.None);
            }
        }
    })));

    Console.WriteLine(title);
    var consistent = true;
    for (var i = 0; i < skus.Length; i++)
    {
        var left = warehouse.Stock[skus[i]];
        var expected = UnitsEach - reserved[i];
        consistent &= left == expected;
        Console.WriteLine($"  {skus[i],-6} reserved {reserved[i],3}, stock left {left,3} (should be {expected,3}){(left == expected ? "" : "  <- lost update")}");
    }

    Console.WriteLine($"  most reservations of one SKU at the same moment: {warehouse.MaxInsideOneSku} (safe: 1)");
    Console.WriteLine($"  most payment requests in flight: {payments.MaxInFlight} (gateway allows {PaymentGateway.ConcurrentRequestsAllowed})");
    Console.WriteLine();
    return new RunResult(consistent, warehouse.MaxInsideOneSku, payments.MaxInFlight);
}

static string? ArgValue(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

internal sealed record RunResult(bool Consistent, int MaxInsideOneSku, int MaxPayments);
