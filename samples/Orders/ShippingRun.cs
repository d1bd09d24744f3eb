using System.Diagnostics;
using Locksmith;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Orders;

/// <summary>
/// The queued part of the sample: every order becomes a shipment enqueued through <see cref="Shipping.ShipAsync"/>.
/// In memory the consumers run in this process; with Redis, two consumer processes (this program with
/// <c>--consumer</c>) share the queue's partitions, and this process only enqueues and checks the result.
/// </summary>
internal static class ShippingRun
{
    public const int Partitions = 4;

    /// <summary>Registers shipping; the queue's partition count must be the same in every process.</summary>
    public static void Add(IServiceCollection services, LocksmithBuilder locksmith, IShipmentLog log)
    {
        services.AddSingleton(log);
        services.AddSingleton<Shipping>();
        locksmith.ConfigureQueue("shipments", q => q with { Partitions = Partitions, IdlePollInterval = TimeSpan.FromMilliseconds(200) });
    }

    /// <summary>Sends the queue to Kafka: its topic is the mock's (or the cluster's) <c>orders-run.shipments</c>.</summary>
    public static void RouteToKafka(LocksmithBuilder locksmith, string servers, bool mock, string run)
    {
        locksmith.UseKafka(servers, k =>
        {
            k.TopicPrefix = $"orders-{run}.";
            k.CommitOffsetsPlainly = mock;
        });
        locksmith.ConfigureQueue("shipments", q => q with { Transport = LocksmithBuilderKafkaExtensions.TransportName });
    }

    /// <summary>Where a Kafka run's consumers write down what they shipped.</summary>
    public static string KafkaLogDirectory(string run) => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"orders-{run}")).FullName;

    /// <summary>A consumer process: ships until its standard input closes, then stops, giving its partitions back.</summary>
    public static async Task<int> ConsumeAsync(string? redis, string? kafka, bool mock, string run)
    {
        using var connection = redis is null ? null : await ConnectionMultiplexer.ConnectAsync(redis);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning).AddFilter("Locksmith", LogLevel.Information);
        builder.Services.AddLocksmith(b =>
        {
            if (connection is not null)
            {
                b.UseRedis(connection).ConfigureRedis(o => o.KeyPrefix = $"orders-{run}:").AddQueueConsumers();
                Add(builder.Services, b, new RedisShipmentLog(connection, $"orders-{run}:shipped"));
            }
            else
            {
                b.UseInMemory().AddQueueConsumers();
                Add(builder.Services, b, new FileShipmentLog(KafkaLogDirectory(run)));
                RouteToKafka(b, kafka!, mock, run);
            }
        });
        using var host = builder.Build();
        await host.StartAsync();
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        await host.StopAsync();
        return 0;
    }

    /// <summary>Ships every customer's orders and checks each shipped once, in order per customer.</summary>
    public static async Task<bool> RunAsync(IServiceProvider services, int customers, int ordersPerCustomer, string[] skus)
    {
        var shipping = services.GetRequiredService<Shipping>();
        await Task.WhenAll(Enumerable.Range(0, customers).Select(async customer =>
        {
            for (var order = 0; order < ordersPerCustomer; order++)
            {
                await shipping.ShipAsync(new Shipment(customer, order, skus[(customer + order) % skus.Length], 1 + (order % 3)), CancellationToken.None);
            }
        }));
        var expected = customers * ordersPerCustomer;
        Console.WriteLine($"Queued shipping with [QueuedBy(\"shipments\", PartitionKey = \"{{shipment.CustomerId}}\")]");
        Console.WriteLine($"  {expected} shipments enqueued; waiting for the consumers");

        var log = services.GetRequiredService<IShipmentLog>();
        var clock = Stopwatch.StartNew();
        IReadOnlyList<(Shipment Shipment, int ProcessId)> shipped = [];
        while ((shipped = await log.ReadAsync()).Count < expected && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        var once = shipped.Count == expected && shipped.Select(s => s.Shipment).Distinct().Count() == expected;
        var inOrder = shipped.GroupBy(s => s.Shipment.CustomerId).All(g => g.Select(s => s.Shipment.OrderNumber).SequenceEqual(Enumerable.Range(0, ordersPerCustomer)));
        foreach (var process in shipped.GroupBy(s => s.ProcessId).OrderBy(g => g.Key))
        {
            Console.WriteLine($"  process {process.Key} shipped {process.Count()}");
        }

        Console.WriteLine($"  shipped {shipped.Count} in {clock.ElapsedMilliseconds} ms; each exactly once: {once}; in order per customer: {inOrder}");
        Console.WriteLine();
        return once && inOrder;
    }

    /// <summary>
    /// Starts this program <paramref name="count"/> more times as consumer processes, and waits until the queue's
    /// partitions are shared among them: each logs the partitions it takes and gives back as the group rebalances.
    /// </summary>
    public static async Task<List<Process>> StartConsumersAsync(IReadOnlyList<string> backend, string run, int count)
    {
        var consumers = new List<Process>();
        var owned = new int[count];
        for (var i = 0; i < count; i++)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            {
                start.ArgumentList.Add(typeof(ShippingRun).Assembly.Location);
            }

            foreach (var argument in backend.Concat(["--consumer", "--run", run]))
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start)!;
            consumers.Add(process);
            var index = i;
            _ = Task.Run(async () =>
            {
                while (await process.StandardOutput.ReadLineAsync() is { } line)
                {
                    if (line.StartsWith("warn", StringComparison.Ordinal) || line.StartsWith("fail", StringComparison.Ordinal) || line.StartsWith("crit", StringComparison.Ordinal))
                    {
                        Console.Error.WriteLine($"consumer {process.Id}: {line}");
                    }

                    var change = line.Contains("took partition", StringComparison.Ordinal) ? 1 : line.Contains("gave up partition", StringComparison.Ordinal) ? -1 : 0;
                    Interlocked.Add(ref owned[index], change);
                }
            });
        }

        var clock = Stopwatch.StartNew();
        while (!(owned.All(o => o > 0) && owned.Sum() == Partitions) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        Console.WriteLine($"Consumer processes {string.Join(" and ", consumers.Select(c => c.Id))} share the {Partitions} partitions: {string.Join(" + ", owned)}");
        return consumers;
    }

    /// <summary>Closes the consumers' input, which stops them gracefully.</summary>
    public static async Task StopConsumersAsync(List<Process> consumers)
    {
        foreach (var consumer in consumers)
        {
            consumer.StandardInput.Close();
        }

        foreach (var consumer in consumers)
        {
            await consumer.WaitForExitAsync();
            consumer.Dispose();
        }
    }
}
