using System.Globalization;

namespace Locksmith.Chaos.Client.Queues;

/// <summary>
/// A queue client's command line: --role queue-producer|queue-consumer --id Q1.0 --seed N --log path
/// --transport redis|kafka --endpoint (the proxied redis-server, or the mock cluster's bootstrap servers) --group g1.
/// </summary>
internal sealed record QueueArguments(string Role, string Id, int Seed, string LogPath, string Transport, string EndPoint, string Group)
{
    public const string Producer = "queue-producer";
    public const string Consumer = "queue-consumer";

    public bool IsKafka => Transport == "kafka";

    public static bool IsQueueRole(string[] args) => ClientArguments.Pairs(args).GetValueOrDefault("role") is Producer or Consumer;

    public static QueueArguments Parse(string[] args)
    {
        var values = ClientArguments.Pairs(args);
        return new QueueArguments(
            values["role"], values["id"], int.Parse(values["seed"], CultureInfo.InvariantCulture), values["log"],
            values["transport"], values["endpoint"], values.GetValueOrDefault("group", ""));
    }

    /// <summary>The producer's choices (keys, behaviours, pacing): the same for a given seed.</summary>
    public Random CreateRandom() => new(unchecked((Seed * 397) ^ 0x5eed));
}
