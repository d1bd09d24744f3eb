using Locksmith.Redis.Layout;
using StackExchange.Redis;

namespace Locksmith.Redis.Inspection;

/// <summary>
/// One inspection's keys, read back through <see cref="RedisKeyLayout"/> into what they are, the server clock, and
/// batched lookups: each batch is sent at once (the multiplexer pipelines it) but bounded, so a large keyspace does not
/// queue thousands of commands.
/// </summary>
internal sealed class InspectionSession
{
    private const int BatchSize = 256;

    private readonly HashSet<string> _known;

    private InspectionSession(IDatabase database, IReadOnlyList<IServer> servers, RedisKeyLayout layout, long now, IReadOnlyList<(string Key, RedisKeyName Name)> keys, CancellationToken cancellationToken)
    {
        Database = database;
        Servers = servers;
        Layout = layout;
        Now = now;
        Keys = keys;
        _known = keys.Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        CancellationToken = cancellationToken;
    }

    public IDatabase Database { get; }

    public IReadOnlyList<IServer> Servers { get; }

    public RedisKeyLayout Layout { get; }

    /// <summary>The server clock in Unix milliseconds, which every expiry score is on.</summary>
    public long Now { get; }

    /// <summary>Every key under the prefix that the layout knows, in ordinal order.</summary>
    public IReadOnlyList<(string Key, RedisKeyName Name)> Keys { get; }

    public CancellationToken CancellationToken { get; }

    public static async Task<InspectionSession> StartAsync(IDatabase database, IReadOnlyList<IServer> servers, string prefix, CancellationToken cancellationToken)
    {
        var layout = new RedisKeyLayout(prefix);
        var time = (RedisResult[])(await servers[0].ExecuteAsync("TIME").WaitAsync(cancellationToken).ConfigureAwait(false))!;
        var now = ((long)time[0] * 1000) + ((long)time[1] / 1000);
        var keys = new SortedDictionary<string, RedisKeyName>(StringComparer.Ordinal);
        foreach (var server in servers)
        {
            await foreach (var key in server.KeysAsync(database.Database, layout.Pattern, pageSize: 1000).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var name = (string)key!;
                if (layout.Parse(name) is { } parsed)
                {
                    keys[name] = parsed;
                }
            }
        }

        return new InspectionSession(database, servers, layout, now, keys.Select(k => (k.Key, k.Value)).ToList(), cancellationToken);
    }

    public IEnumerable<(string Key, RedisKeyName Name)> OfKind(RedisKeyKind kind) => Keys.Where(k => k.Name.Kind == kind);

    public bool Exists(string key) => _known.Contains(key);

    /// <summary>Reads every item, a batch at a time; a key that now holds another type (written by hand) reads as the default.</summary>
    public async Task<TResult?[]> ReadAsync<TItem, TResult>(IReadOnlyList<TItem> items, Func<IDatabase, TItem, Task<TResult>> read)
    {
        var results = new TResult?[items.Count];
        for (var start = 0; start < items.Count; start += BatchSize)
        {
            var batch = items.Skip(start).Take(BatchSize).Select(item => OrDefaultAsync(read(Database, item))).ToArray();
            (await Task.WhenAll(batch).WaitAsync(CancellationToken).ConfigureAwait(false)).CopyTo(results, start);
        }

        return results;
    }

    /// <summary>An integer value; null for a missing key, which RedisValue would otherwise parse as 0.</summary>
    public static long? Integer(RedisValue value) => !value.IsNull && value.TryParse(out long integer) ? integer : null;

    private static async Task<TResult?> OrDefaultAsync<TResult>(Task<TResult> read)
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal))
        {
            return default;
        }
    }
}
