using Locksmith.Chaos.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Locksmith.Chaos.Client.Queues;

/// <summary>
/// The queue roles. A consumer is a host consuming both queues (the producer's in its group, the chained one in
/// <see cref="QueueChaosSettings.ChainGroup"/>) until SIGTERM or "stop" on stdin, a graceful stop that leaves the group;
/// SIGKILL and SIGSTOP come from the orchestrator. The producer enqueues items over a few partition keys until "stop",
/// logging each enqueue and whether the transport acknowledged it.
/// </summary>
internal static class QueueProgram
{
    public static async Task<int> RunAsync(QueueArguments arguments)
    {
        using var log = new EventLog(arguments.LogPath);
        var context = new QueueClientContext(log, arguments.Id, arguments.Group);
        context.Write(new QueueEvent { Kind = QueueEventKinds.Started, Client = "", Group = arguments.Group });
        await using var redis = arguments.IsKafka ? null : await ConnectionMultiplexer.ConnectAsync(ChaosSettings.ClientConfiguration(arguments.EndPoint));
        if (arguments.Role == QueueArguments.Consumer)
        {
            await ConsumeAsync(arguments, context, redis);
        }
        else
        {
            await ProduceAsync(arguments, context, redis);
        }

        context.Write(new QueueEvent { Kind = QueueEventKinds.Exited, Client = "" });
        return 0;
    }

    private static async Task ConsumeAsync(QueueArguments arguments, QueueClientContext context, IConnectionMultiplexer? redis)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Logging.ClearProviders()
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Information)
            .AddProvider(new DeadLetterCapture(context));
        builder.Services.AddSingleton(context);
        builder.Services.AddSingleton<QueueWork>();
        builder.Services.AddLocksmith(b => Configure(b, arguments, redis).AddQueueConsumers());
        using var host = builder.Build();
        await host.StartAsync();
        context.Write(new QueueEvent { Kind = QueueEventKinds.Ready, Client = "", Group = arguments.Group });
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        _ = Task.Run(() =>
        {
            while (Console.ReadLine() is { } line && line != "stop")
            {
            }

            lifetime.StopApplication();
        });
        await host.WaitForShutdownAsync();
    }

    private static async Task ProduceAsync(QueueArguments arguments, QueueClientContext context, IConnectionMultiplexer? redis)
    {
        var services = new ServiceCollection()
            .AddLogging(l => l.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(context)
            .AddSingleton<QueueWork>()
            .AddLocksmith(b => Configure(b, arguments, redis));
        await using var provider = services.BuildServiceProvider();
        provider.ActivateLocksmith();
        var work = provider.GetRequiredService<QueueWork>();

        using var stop = new CancellationTokenSource();
        _ = Task.Run(() =>
        {
            while (Console.ReadLine() is { } line && line != "stop")
            {
            }

            stop.Cancel();
        });

        var random = arguments.CreateRandom();
        var sequences = new int[QueueChaosSettings.Keys];
        while (!stop.IsCancellationRequested)
        {
            var k = random.Next(QueueChaosSettings.Keys);
            var key = $"k{k}";
            var seq = ++sequences[k];
            var roll = random.Next(100);
            var behaviour = roll < 4 ? QueueBehaviours.Poison : roll < 14 ? QueueBehaviours.Flaky : QueueBehaviours.Ok;
            var e = new QueueEvent { Kind = QueueEventKinds.Enqueued, Client = "", Item = $"{key}/{seq}", Key = key, Seq = seq, Behaviour = behaviour };
            try
            {
                // Not cancelled by the stop: an enqueue under way finishes, so its outcome is known.
                await work.RunAsync(e.Item, key, seq, behaviour, CancellationToken.None);
                context.Write(e with { Result = Results.Ok });
            }
            catch (Exception ex)
            {
                // Unknown outcome: the item may have been stored (a lost reply).
                context.Write(e with { Result = Results.Error(ex) });
            }

            await Task.Delay(random.Next(10, 40), CancellationToken.None);
        }
    }

    /// <summary>The transport and the queues' settings, the same in the producer and every consumer.</summary>
    private static LocksmithBuilder Configure(LocksmithBuilder b, QueueArguments arguments, IConnectionMultiplexer? redis)
    {
        if (arguments.IsKafka)
        {
            // The mock cluster runs in the orchestrator; it does not store offsets sent to a transaction (see KafkaQueueOptions).
            b.UseInMemory().UseKafka(arguments.EndPoint, k => k.CommitOffsetsPlainly = true);
            b.ConfigureQueueDefaults(o => o.Defaults = o.Defaults with
            {
                Transport = LocksmithBuilderKafkaExtensions.TransportName,
                VisibilityTimeout = QueueChaosSettings.KafkaVisibilityTimeout,
                RetryDelay = QueueChaosSettings.RetryDelay,
                MaxRetryDelay = QueueChaosSettings.MaxRetryDelay,
            });
        }
        else
        {
            b.UseRedis(redis!);
            b.ConfigureQueueDefaults(o => o.Defaults = o.Defaults with
            {
                Partitions = QueueChaosSettings.Partitions,
                VisibilityTimeout = QueueChaosSettings.RedisVisibilityTimeout,
                IdlePollInterval = TimeSpan.FromMilliseconds(100),
                RetryDelay = QueueChaosSettings.RetryDelay,
                MaxRetryDelay = QueueChaosSettings.MaxRetryDelay,
            });
        }

        if (arguments.Group.Length > 0)
        {
            b.ConfigureQueue(QueueChaosSettings.Queue, q => q with { Group = arguments.Group });
        }

        return b.ConfigureQueue(QueueChaosSettings.ChainQueue, q => q with { Group = QueueChaosSettings.ChainGroup });
    }
}
