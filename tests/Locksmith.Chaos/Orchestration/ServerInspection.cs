using Locksmith.Chaos.History;
using StackExchange.Redis;

namespace Locksmith.Chaos.Orchestration;

/// <summary>What the servers hold once the faults have healed: the registers, the overfull moments, and keys with no TTL.</summary>
public static class ServerInspection
{
    public static async Task ReadAsync(ChaosCluster cluster, ChaosHistory history)
    {
        await using (var data = await ConnectionMultiplexer.ConnectAsync(cluster.DataEndPoint))
        {
            var db = data.GetDatabase();
            foreach (var key in ChaosSettings.LockKeys)
            {
                var value = await Locksmith.Redis.FencedRedisValue.GetAsync(db, ChaosSettings.RegisterKey(key));
                history.FinalRegisters[key] = value.IsNull ? null : value.ToString();
            }

            history.Overfull.AddRange(await Occupancy.ReadOverfullAsync(db, ChaosSettings.SemaphoreKey));
        }

        foreach (var endPoint in cluster.ServerEndPoints)
        {
            history.ImmortalKeys.AddRange(await ImmortalKeysAsync(endPoint));
        }
    }

    /// <summary>Every key without a TTL, except the test's own registers (the fenced-write helper sets none).</summary>
    public static async Task<List<string>> ImmortalKeysAsync(string endPoint)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"{endPoint},allowAdmin=true");
        var server = connection.GetServer(endPoint);
        var db = connection.GetDatabase();
        var immortal = new List<string>();
        await foreach (var key in server.KeysAsync(pageSize: 500))
        {
            if (key.ToString().StartsWith(ChaosSettings.RegisterPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (await db.KeyTimeToLiveAsync(key) is null && await db.KeyExistsAsync(key))
            {
                immortal.Add($"{endPoint} {key}");
            }
        }

        return immortal;
    }
}
