using System.Globalization;
using Locksmith.Backends;
using Locksmith.Redis.Internal;
using Locksmith.Redis.Layout;
using Locksmith.Redis.Scripts;
using StackExchange.Redis;

namespace Locksmith.Redis.Leadership;

/// <summary>
/// Leader records on one Redis server or Cluster: a hash per election (<c>ls:leader:{name}</c>) that expires unless the
/// leader refreshes it, written by a script that refuses older terms. Changes are announced on the key's notice channel.
/// </summary>
internal sealed class RedisLeaderRecords(IConnectionMultiplexer connection, RedisKeyLayout keys, ReleaseNotices notices) : ILeaderRecordStore
{
    private static readonly RedisValue[] Fields = ["candidate", "term", "since"];

    public async ValueTask<bool> PublishAsync(LeaderInfo leader, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leader);
        var record = keys.Leader(leader.Name);
        return await RedisErrors.GuardAsync(
            LeaderPublishScript.EvaluateAsync(
                connection.GetDatabase(), record, leader.Candidate, leader.Term, leader.Since.ToUnixTimeMilliseconds(),
                (long)Math.Ceiling(ttl.TotalMilliseconds), keys.ReleaseChannel(record), notices.Sharded ? 1 : 0, cancellationToken: cancellationToken),
            connection, "recording the leader of", leader.Name).ConfigureAwait(false);
    }

    public async ValueTask WithdrawAsync(string name, long term, CancellationToken cancellationToken)
    {
        var record = keys.Leader(name);
        await RedisErrors.GuardAsync(
            LeaderWithdrawScript.EvaluateAsync(
                connection.GetDatabase(), record, term, keys.ReleaseChannel(record), notices.Sharded ? 1 : 0, cancellationToken: cancellationToken),
            connection, "withdrawing the leader record of", name).ConfigureAwait(false);
    }

    public async ValueTask<LeaderInfo?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var fields = await RedisErrors.GuardAsync(
            connection.GetDatabase().HashGetAsync(keys.Leader(name), Fields).WaitAsync(cancellationToken),
            connection, "reading the leader of", name).ConfigureAwait(false);
        if (fields[0].IsNull || fields[1].IsNull || fields[2].IsNull)
        {
            return null;
        }

        return new LeaderInfo(
            name,
            fields[0].ToString(),
            long.Parse(fields[1].ToString(), CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields[2].ToString(), CultureInfo.InvariantCulture)));
    }

    public async ValueTask<IAsyncDisposable> SubscribeAsync(string name, Action changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        try
        {
            return await ChannelSubscription.SubscribeAsync(connection, notices.Channel(keys.Leader(name)), changed, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisErrors.Translate(ex, connection, "watching the leader of", name) is { } translated)
        {
            throw translated;
        }
    }
}
