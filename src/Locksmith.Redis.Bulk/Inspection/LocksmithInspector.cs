using System.Globalization;
using Locksmith.Redis.Bulk.Protocol;
using Locksmith.Redis.Bulk.Transport;

namespace Locksmith.Redis.Bulk.Inspection;

/// <summary>
/// Reads what Locksmith stores in a Redis server: locks, fencing counters, semaphores, waiters and queues. Uses SCAN
/// (never KEYS, which blocks the server) and pipelines the per-key lookups in batches.
/// </summary>
public static class LocksmithInspector
{
    private const int BatchSize = 256;

    /// <summary>Takes one snapshot. Keys that expire while it runs are left out.</summary>
    /// <exception cref="RedisBulkConnectionException">Connecting or authenticating failed.</exception>
    public static async Task<InspectionReport> InspectAsync(RedisConnectionOptions connection, string keyPrefix = "ls:", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        var redis = await RedisStreamConnection.ConnectAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (redis.ConfigureAwait(false))
        {
            using var client = new RespRequestClient(redis.Stream);
            var session = new Session(client, keyPrefix, cancellationToken);
            return await session.RunAsync().ConfigureAwait(false);
        }
    }

    private sealed class Session(RespRequestClient client, string prefix, CancellationToken cancellationToken)
    {
        private string LockPrefix => prefix + "lock:";

        private string FencePrefix => prefix + "fence:";

        private string SemaphorePrefix => prefix + "sem:";

        private string QueuePrefix => prefix + "q:";

        public async Task<InspectionReport> RunAsync()
        {
            var time = Check(await client.ExecuteAsync(["TIME"], cancellationToken).ConfigureAwait(false), "TIME");
            var now = (time.Array[0].AsInteger() * 1000) + (time.Array[1].AsInteger() / 1000);
            var keys = await ScanAsync().ConfigureAwait(false);
            var waiters = await WaitersAsync().ConfigureAwait(false);
            var waitersByKey = waiters.ToDictionary(w => w.RedisKey, w => w.Subscribers, StringComparer.Ordinal);
            var fences = await FencesAsync(keys.Where(k => k.StartsWith(FencePrefix, StringComparison.Ordinal)).ToList()).ConfigureAwait(false);
            var locks = await LocksAsync(keys.Where(k => k.StartsWith(LockPrefix, StringComparison.Ordinal)).ToList(), fences, waitersByKey).ConfigureAwait(false);
            var semaphores = await SemaphoresAsync(keys.Where(k => k.StartsWith(SemaphorePrefix, StringComparison.Ordinal)).ToList(), now, waitersByKey).ConfigureAwait(false);
            var queues = await QueuesAsync(keys.Where(k => k.StartsWith(QueuePrefix, StringComparison.Ordinal)).ToList()).ConfigureAwait(false);
            return new InspectionReport(prefix, now, locks, fences, semaphores, waiters, queues);
        }

        private async Task<List<string>> ScanAsync()
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var cursor = "0";
            do
            {
                var page = Check(await client.ExecuteAsync(["SCAN", cursor, "MATCH", Escape(prefix) + "*", "COUNT", "1000"], cancellationToken).ConfigureAwait(false), "SCAN");
                cursor = page.Array[0].AsString() ?? "0";
                foreach (var key in page.Array[1].Array)
                {
                    keys.Add(key.AsString()!);
                }
            }
            while (cursor != "0");
            return keys.Order(StringComparer.Ordinal).ToList();
        }

        private async Task<List<WaitingChannel>> WaitersAsync()
        {
            var channelPrefix = prefix + "released:";
            var channels = Check(await client.ExecuteAsync(["PUBSUB", "CHANNELS", Escape(channelPrefix) + "*"], cancellationToken).ConfigureAwait(false), "PUBSUB CHANNELS")
                .Array.Select(c => c.AsString()!).Order(StringComparer.Ordinal).ToList();
            if (channels.Count == 0)
            {
                return [];
            }

            var counts = Check(await client.ExecuteAsync(["PUBSUB", "NUMSUB", .. channels], cancellationToken).ConfigureAwait(false), "PUBSUB NUMSUB").AsPairs();
            return channels
                .Select(c => new WaitingChannel(c, c[channelPrefix.Length..], counts.TryGetValue(c, out var n) ? n.AsInteger() : 0))
                .Where(w => w.Subscribers > 0)
                .ToList();
        }

        private async Task<List<FenceCounter>> FencesAsync(List<string> keys)
        {
            var replies = await BatchAsync(keys.SelectMany(k => new[] { new[] { "GET", k }, new[] { "PTTL", k } }).ToList()).ConfigureAwait(false);
            var fences = new List<FenceCounter>();
            for (var i = 0; i < keys.Count; i++)
            {
                var value = replies[2 * i];
                if (!value.IsNull && !value.IsError)
                {
                    fences.Add(new FenceCounter(UserKey(keys[i], FencePrefix), keys[i], value.AsInteger(), replies[(2 * i) + 1].AsInteger()));
                }
            }

            return fences;
        }

        private async Task<List<HeldLock>> LocksAsync(List<string> keys, List<FenceCounter> fences, Dictionary<string, long> waiters)
        {
            var replies = await BatchAsync(keys.SelectMany(k => new[] { new[] { "GET", k }, new[] { "PTTL", k } }).ToList()).ConfigureAwait(false);
            var tokens = fences.ToDictionary(f => f.Key, f => f.LastToken, StringComparer.Ordinal);
            var locks = new List<HeldLock>();
            for (var i = 0; i < keys.Count; i++)
            {
                var owner = replies[2 * i];
                if (owner.IsNull || owner.IsError)
                {
                    continue; // expired since the scan, or not a string
                }

                var key = UserKey(keys[i], LockPrefix);
                locks.Add(new HeldLock(
                    key,
                    keys[i],
                    owner.AsString()!,
                    replies[(2 * i) + 1].AsInteger(),
                    tokens.TryGetValue(key, out var token) ? token : null,
                    waiters.GetValueOrDefault(keys[i])));
            }

            return locks;
        }

        private async Task<List<SemaphoreState>> SemaphoresAsync(List<string> keys, long now, Dictionary<string, long> waiters)
        {
            var replies = await BatchAsync(keys.Select(k => new[] { "ZRANGE", k, "0", "-1", "WITHSCORES" }).ToList()).ConfigureAwait(false);
            var semaphores = new List<SemaphoreState>();
            for (var i = 0; i < keys.Count; i++)
            {
                if (replies[i].IsError)
                {
                    continue;
                }

                var holders = new List<SemaphoreHolder>();
                var expired = 0;
                var members = replies[i].Array;
                for (var m = 0; m + 1 < members.Count; m += 2)
                {
                    var expiry = (long)double.Parse(members[m + 1].AsString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (expiry > now)
                    {
                        holders.Add(new SemaphoreHolder(members[m].AsString()!, expiry - now));
                    }
                    else
                    {
                        expired++;
                    }
                }

                semaphores.Add(new SemaphoreState(UserKey(keys[i], SemaphorePrefix), keys[i], holders.Count, holders, expired, waiters.GetValueOrDefault(keys[i])));
            }

            return semaphores;
        }

        private async Task<List<QueueState>> QueuesAsync(List<string> keys)
        {
            var types = await BatchAsync(keys.Select(k => new[] { "TYPE", k }).ToList()).ConfigureAwait(false);
            // A partition is ls:q:{name:partition}; a group's dead letters ls:q:{name:partition}:dead:<group>. Other streams
            // under the prefix (a group's outbox, ":out:<group>") are the queue's internals.
            var streams = keys.Where((k, i) => types[i].AsString() == "stream" && ParsePartition(k) is { } p && (p.Suffix.Length == 0 || IsDeadLetters(p.Suffix))).ToList();
            var info = await BatchAsync(streams.SelectMany(k => new[] { new[] { "XLEN", k }, new[] { "XINFO", "GROUPS", k } }).ToList()).ConfigureAwait(false);
            var partitions = new List<(string Queue, string Partition, string Key, long Length, List<Dictionary<string, RespValue>> Groups)>();
            var consumerQueries = new List<string[]>();
            for (var i = 0; i < streams.Count; i++)
            {
                var parsed = ParsePartition(streams[i])!.Value;
                var (queue, partition) = (parsed.Queue, IsDeadLetters(parsed.Suffix) ? "dead" : parsed.Partition);
                var groups = info[(2 * i) + 1].IsError ? [] : info[(2 * i) + 1].Array.Select(g => g.AsPairs()).ToList();
                foreach (var group in groups)
                {
                    consumerQueries.Add(["XINFO", "CONSUMERS", streams[i], group["name"].AsString()!]);
                }

                partitions.Add((queue, partition, streams[i], info[2 * i].AsInteger(), groups));
            }

            var consumers = await BatchAsync(consumerQueries).ConfigureAwait(false);
            var next = 0;
            var byQueue = new SortedDictionary<string, (List<QueuePartition> Partitions, long Dead)>(StringComparer.Ordinal);
            foreach (var p in partitions)
            {
                var groups = new List<QueueGroup>();
                foreach (var group in p.Groups)
                {
                    var members = consumers[next++];
                    groups.Add(new QueueGroup(
                        group["name"].AsString()!,
                        group.TryGetValue("pending", out var pending) ? pending.AsInteger() : 0,
                        group.TryGetValue("lag", out var lag) && !lag.IsNull ? lag.AsInteger() : null,
                        group.TryGetValue("last-delivered-id", out var last) ? last.AsString() ?? string.Empty : string.Empty,
                        members.IsError ? [] : members.Array.Select(c => c.AsPairs()).Select(c => new QueueConsumer(
                            c["name"].AsString()!,
                            c.TryGetValue("pending", out var n) ? n.AsInteger() : 0,
                            c.TryGetValue("idle", out var idle) ? idle.AsInteger() : 0)).ToList()));
                }

                var entry = byQueue.TryGetValue(p.Queue, out var existing) ? existing : ([], 0);
                if (p.Partition == "dead")
                {
                    entry.Dead += p.Length;
                }
                else
                {
                    entry.Partitions.Add(new QueuePartition(p.Partition, p.Key, p.Length, groups));
                }

                byQueue[p.Queue] = entry;
            }

            return byQueue.Select(q => new QueueState(q.Key, q.Value.Partitions, q.Value.Dead)).ToList();
        }

        private static bool IsDeadLetters(string suffix) => suffix.StartsWith(":dead:", StringComparison.Ordinal);

        private (string Queue, string Partition, string Suffix)? ParsePartition(string key)
        {
            var rest = key[QueuePrefix.Length..];
            var close = rest.IndexOf('}', StringComparison.Ordinal);
            if (!rest.StartsWith('{') || close < 0)
            {
                return null;
            }

            var tag = rest[1..close];
            var colon = tag.LastIndexOf(':');
            return colon < 0 ? null : (tag[..colon], tag[(colon + 1)..], rest[(close + 1)..]);
        }

        private async Task<List<RespValue>> BatchAsync(List<string[]> commands)
        {
            var replies = new List<RespValue>(commands.Count);
            for (var i = 0; i < commands.Count; i += BatchSize)
            {
                replies.AddRange(await client.ExecuteManyAsync(commands.Skip(i).Take(BatchSize).ToList(), cancellationToken).ConfigureAwait(false));
            }

            return replies;
        }

        private static RespValue Check(RespValue reply, string command) => reply.IsError
            ? throw new RedisBulkConnectionException($"Redis refused {command}: {reply.Text}. The inspecting user needs read access to the keys and +scan +pubsub +time +xinfo (ACL).")
            : reply;

        /// <summary>"ls:lock:{order:42}" -> "order:42".</summary>
        private static string UserKey(string redisKey, string kindPrefix)
        {
            var key = redisKey[kindPrefix.Length..];
            return key.Length >= 2 && key[0] == '{' && key[^1] == '}' ? key[1..^1] : key;
        }

        /// <summary>Glob-escapes the prefix so a prefix containing * ? [ matches only itself.</summary>
        private static string Escape(string text) => string.Concat(text.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? "\\" + c : c.ToString()));
    }
}
