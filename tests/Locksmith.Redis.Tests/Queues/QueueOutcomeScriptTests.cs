using Locksmith.Redis.Layout;
using Locksmith.Redis.Queues;
using Locksmith.Redis.Scripts;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Queues;

/// <summary>
/// The scripts that end an item, called as two consumers would when one froze past its lease during the last attempt
/// and woke up after the other had already ended the item: an item ends once, completed or dead-lettered, never both.
/// </summary>
public sealed class QueueOutcomeScriptTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private const string Group = "g";
    private readonly RedisQueueKeys _keys = new RedisKeyLayout($"os{Guid.NewGuid().ToString("N")[..6]}:").Queue("outcome");

    private IDatabase Db => fixture.Admin.GetDatabase();

    [Fact]
    public async Task A_completion_arriving_after_the_item_was_dead_lettered_writes_nothing()
    {
        var entry = await DeliverAsync("item-1");

        Assert.Equal(1, await DeadLetterAsync(entry, "item-1"));
        Assert.Equal(0, await CompleteAsync(entry, "item-1"));

        Assert.Equal(1, await Db.StreamLengthAsync(_keys.DeadLetters(0, Group)));
        Assert.Equal(0, await Db.StreamLengthAsync(_keys.Outbox(0, Group)));
        Assert.Equal("failure", (string?)await Db.StringGetAsync(_keys.Reply(0, "item-1")));
    }

    [Fact]
    public async Task An_item_is_dead_lettered_once_and_never_after_it_completed()
    {
        var twice = await DeliverAsync("item-2");
        Assert.Equal(1, await DeadLetterAsync(twice, "item-2"));
        Assert.Equal(0, await DeadLetterAsync(twice, "item-2"));

        var completed = await DeliverAsync("item-3");
        Assert.Equal(1, await CompleteAsync(completed, "item-3"));
        Assert.Equal(0, await DeadLetterAsync(completed, "item-3"));

        var letters = await Db.StreamRangeAsync(_keys.DeadLetters(0, Group));
        Assert.Equal(["item-2"], letters.Select(l => (string?)l.Values.First(v => v.Name == "id").Value));
        Assert.Equal("success", (string?)await Db.StringGetAsync(_keys.Reply(0, "item-3")));
    }

    private async Task<RedisValue> DeliverAsync(string itemId)
    {
        var stream = _keys.Stream(0);
        await Db.StreamAddAsync(stream, [new("id", itemId), new("m", "method"), new("a", "[]")]);
        await RedisQueueGroups.EnsureAsync(Db, stream, Group);
        var read = await Db.StreamReadGroupAsync(stream, Group, "frozen", ">", 1);
        return read[0].Id;
    }

    private Task<long> CompleteAsync(RedisValue entry, string itemId) =>
        QueueCompleteScript.EvaluateAsync(
            Db, _keys.Stream(0), _keys.Finished(0, Group), _keys.Starts(0, Group), _keys.Outbox(0, Group), _keys.Reply(0, itemId),
            Group, entry, itemId, 60_000, "[[\"t\",\"elsewhere\",\"id\",\"chained-1\"]]", 1, "success", 60_000, "channel", 0);

    private Task<long> DeadLetterAsync(RedisValue entry, string itemId) =>
        QueueDeadLetterScript.EvaluateAsync(
            Db, _keys.Stream(0), _keys.DeadLetters(0, Group), _keys.Finished(0, Group), _keys.Starts(0, Group), _keys.Reply(0, itemId),
            Group, entry, itemId, 60_000, $"[\"id\",\"{itemId}\"]", "System.Exception", "failed", 3, 1, "failure", 60_000, "channel", 0);
}
