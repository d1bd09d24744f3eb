using System.Globalization;

namespace Locksmith.Chaos.Client;

/// <summary>
/// The client's command line: --role lock|semaphore --id L1.0 --locks ep[,ep...] --data ep --seed N --log path.
/// One lock endpoint means one server (UseRedis); five mean Redlock masters (UseRedlock).
/// </summary>
internal sealed record ClientArguments(string Role, string Id, string[] LockEndPoints, string DataEndPoint, int Seed, string LogPath)
{
    public static ClientArguments Parse(string[] args)
    {
        var values = Pairs(args);
        return new ClientArguments(
            values["role"],
            values["id"],
            values["locks"].Split(','),
            values["data"],
            int.Parse(values["seed"], CultureInfo.InvariantCulture),
            values["log"]);
    }

    /// <summary>"--name value" pairs, by name without the dashes.</summary>
    public static Dictionary<string, string> Pairs(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return values;
    }

    /// <summary>Every start of a slot gets its own stream of choices, the same for a given seed.</summary>
    public Random CreateRandom() => new(unchecked((Seed * 397) ^ StableHash(Id)));

    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31) + c));
}
