// Usage: Locksmith.Redis.QueueConsumer <redis endpoint> <key prefix> <partitions>
// Consumes the crash-work, crash-backlog, crash-narrow and crash-poison queues until SIGTERM (a graceful stop: partitions are given back) or SIGKILL. Prints "ready"
// once consuming; each partition taken or given back is logged to stdout.
using Locksmith;
using Locksmith.Redis.QueueConsumer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

var (endpoint, prefix, partitions) = (args[0], args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
var redis = await ConnectionMultiplexer.ConnectAsync(endpoint);
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
builder.Services.AddSingleton<IConnectionMultiplexer>(redis);
builder.Services.AddSingleton(new CrashWorkSettings(prefix));
builder.Services.AddSingleton<CrashWork>();
builder.Services.AddLocksmith(b => b
    .UseRedis(redis)
    .ConfigureRedis(o => o.KeyPrefix = prefix)
    .ConfigureQueueDefaults(o => o.Defaults = o.Defaults with { VisibilityTimeout = TimeSpan.FromSeconds(2), IdlePollInterval = TimeSpan.FromMilliseconds(100) })
    .ConfigureQueue(CrashWork.Queue, q => q with { Partitions = partitions, VisibilityTimeout = TimeSpan.FromSeconds(2), IdlePollInterval = TimeSpan.FromMilliseconds(100) })
    .ConfigureQueue(CrashWork.BacklogQueue, q => q with { Partitions = partitions })
    .ConfigureQueue(CrashWork.NarrowQueue, q => q with { Partitions = partitions, VisibilityTimeout = TimeSpan.FromSeconds(2), IdlePollInterval = TimeSpan.FromMilliseconds(100) })
    .AddQueueConsumers());
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
