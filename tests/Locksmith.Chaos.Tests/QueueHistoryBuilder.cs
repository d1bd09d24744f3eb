using Locksmith.Chaos;
using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Tests;

/// <summary>Hand-made queue histories for the queue checker's tests; times are in milliseconds, item ids derived from the item.</summary>
internal sealed class QueueHistoryBuilder
{
    public QueueHistory History { get; private set; } = new() { Groups = ["g1", "g2"], MaxAttempts = 3 };

    /// <summary>Makes the history one of Kafka's mock cluster, where uncommitted transactions' records are visible.</summary>
    public bool UncommittedRecordsVisible
    {
        get => History.UncommittedRecordsVisible;
        init => History = new() { Groups = ["g1", "g2"], MaxAttempts = 3, UncommittedRecordsVisible = value };
    }

    public QueueHistoryBuilder Enqueued(string item, string behaviour = QueueBehaviours.Ok, bool acknowledged = true, double atMs = 0)
    {
        var (key, seq) = Parse(item);
        History.Events.Add(new QueueEvent
        {
            Kind = QueueEventKinds.Enqueued, Client = "P0.0", At = Us(atMs), Item = item, Key = key, Seq = seq, Behaviour = behaviour,
            Result = acknowledged ? Results.Ok : "error:RedisTimeoutException",
        });
        return this;
    }

    /// <summary>A body start (and its end) in a group.</summary>
    public QueueHistoryBuilder Ran(string item, string group, double atMs, int attempt = 1, string client = "Q0.0", string result = Results.Ok)
    {
        var (key, seq) = Parse(item);
        var start = new QueueEvent
        {
            Kind = QueueEventKinds.BodyStart, Client = client, At = Us(atMs), Item = item, Key = key, Seq = seq, ItemId = IdOf(item),
            Group = group, Attempt = attempt,
        };
        History.Events.Add(start);
        History.Events.Add(start with { Kind = QueueEventKinds.BodyEnd, At = Us(atMs + 5), Result = result });
        return this;
    }

    /// <summary>A chained call of <paramref name="item"/>'s completion in <paramref name="group"/> ran (chain id <paramref name="chainId"/>).</summary>
    public QueueHistoryBuilder Chained(string item, string group, string chainId, double atMs)
    {
        History.Events.Add(new QueueEvent
        {
            Kind = QueueEventKinds.Chained, Client = "Q1.0", At = Us(atMs), Parent = item, ParentGroup = group, ItemId = chainId,
            Group = QueueChaosSettings.ChainGroup, Attempt = 1,
        });
        return this;
    }

    /// <summary>Ran once and completed (its chained call published and run).</summary>
    public QueueHistoryBuilder Completed(string item, string group, double atMs, string client = "Q0.0") =>
        Ran(item, group, atMs, client: client).Chained(item, group, $"chain-{item}-{group}", atMs + 20);

    public QueueHistoryBuilder DeadLettered(string item, string group, double atMs, int attempts = 3, string queue = QueueChaosSettings.Queue)
    {
        History.Events.Add(new QueueEvent
        {
            Kind = QueueEventKinds.DeadLettered, Client = "Q0.0", At = Us(atMs), Queue = queue, ItemId = IdOf(item), Group = group, Attempt = attempts,
        });
        return this;
    }

    public static string IdOf(string item) => "id-" + item;

    private static (string Key, int Seq) Parse(string item)
    {
        var parts = item.Split('/');
        return (parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static long Us(double ms) => (long)(ms * 1000);
}
