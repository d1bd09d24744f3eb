using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Queues;

/// <summary>Callers waiting for a queued call's result when the reply channel cannot be subscribed.</summary>
public sealed class QueueReplyTests
{
    [Fact]
    public async Task A_failed_reply_subscription_fails_that_call_with_a_backend_exception_and_the_next_call_subscribes_again()
    {
        await using var server = await RedisServer.StartAsync();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(server.EndPoint);
        var prefix = $"rp{Guid.NewGuid().ToString("N")[..6]}:";

        // A caller whose user may not subscribe yet: the operator grants +subscribe after seeing the first error.
        await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "caller", "on", ">secret", "~*", "&*", "+@all", "-subscribe", "-ssubscribe");
        void Work(IServiceCollection s) => s.AddSingleton<ReplyWork>();
        await using var consumer = await QueueTestHost.StartAsync(server.EndPoint, prefix, consume: true, Work);
        await using var caller = await QueueTestHost.StartAsync(server.EndPoint + ",user=caller,password=secret", prefix, consume: false, Work);

        var refused = await Assert.ThrowsAsync<LocksmithBackendException>(() => caller.CallAsync<ReplyWork>(w => w.AddAsync(1, 2)));
        Assert.Contains("+@pubsub", refused.Message, StringComparison.Ordinal);

        await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "caller", "+subscribe", "+ssubscribe");
        var sum = 0;
        await caller.CallAsync<ReplyWork>(async w => sum = await w.AddAsync(2, 3));
        Assert.Equal(5, sum);
    }
}
