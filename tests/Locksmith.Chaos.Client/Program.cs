// A chaos client: runs fenced read-modify-writes under locks (--role lock) or woven [Semaphore] bodies (--role semaphore)
// until stdin closes or says "stop", logging every event as a JSON line (see Locksmith.Chaos.History.ChaosEvent); or, with
// --role queue-producer / queue-consumer, enqueues or consumes [QueuedBy] items (see Queues/QueueProgram.cs).
using Locksmith;
using Locksmith.Chaos;
using Locksmith.Chaos.Client;
using Locksmith.Chaos.Client.Queues;
using Locksmith.Chaos.History;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

if (QueueArguments.IsQueueRole(args))
{
    return await QueueProgram.RunAsync(QueueArguments.Parse(args));
}

var arguments = ClientArguments.Parse(args);
using var log = new EventLog(arguments.LogPath);
log.Write(new ChaosEvent { Kind = EventKinds.Started, Client = arguments.Id, At = Mono.NowUs(), Value = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) });

await using var data = await ConnectionMultiplexer.ConnectAsync(ChaosSettings.ClientConfiguration(arguments.DataEndPoint));
var services = new ServiceCollection().AddLocksmith(b =>
{
    if (arguments.LockEndPoints.Length == 1)
    {
        // One server: locks and data share the connection (and so the proxy), as an application's would.
        b.UseRedis(data);
    }
    else
    {
        b.UseRedlock([.. arguments.LockEndPoints.Select(ChaosSettings.ClientConfiguration)]);
    }
});
await using var provider = services.BuildServiceProvider();
provider.ActivateLocksmith();

using var stop = new CancellationTokenSource();
_ = Task.Run(() =>
{
    // The orchestrator stops a client by writing "stop" (or closing stdin); the current body finishes first.
    while (Console.ReadLine() is { } line && line != "stop")
    {
    }

    stop.Cancel();
});

var random = arguments.CreateRandom();
var db = data.GetDatabase();
if (arguments.Role == "lock")
{
    await new LockClient(provider.GetRequiredService<ILockProvider>(), db, log, arguments.Id, random).RunAsync(stop.Token);
}
else
{
    await new SemaphoreClient(db, log, arguments.Id, random).RunAsync(stop.Token);
}

log.Write(new ChaosEvent { Kind = EventKinds.Exited, Client = arguments.Id, At = Mono.NowUs() });
return 0;
