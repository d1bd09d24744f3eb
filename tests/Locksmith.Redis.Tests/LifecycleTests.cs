using Locksmith.Redis.Internal;
using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Redis.Tests;

/// <summary>Lifecycle guarantees that need the real server to check: what is left in Redis after races.</summary>
public sealed class LifecycleTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task A_release_racing_a_renewal_leaves_the_key_gone_and_it_stays_gone()
    {
        await using var services = new ServiceCollection().AddLocksmith(b => b.UseRedis(fixture.Server.EndPoint)).BuildServiceProvider();
        var locks = services.GetRequiredService<ILockProvider>();
        var db = fixture.Admin.GetDatabase();

        for (var i = 0; i < 50; i++)
        {
            var lease = (RedisLease)await locks.AcquireAsync($"race:{i}", new LockOptions { Ttl = TimeSpan.FromSeconds(5) });
            var renewing = lease.ExtendAsync().AsTask();
            var releasing = lease.DisposeAsync().AsTask();
            var renewingAgain = lease.ExtendAsync().AsTask();
            await Task.WhenAll(renewing, releasing, renewingAgain);
            Assert.False(await db.KeyExistsAsync(lease.RedisKey), $"Key {lease.RedisKey} survived its release.");
        }

        await Task.Delay(300);
        for (var i = 0; i < 50; i++)
        {
            Assert.False(await db.KeyExistsAsync($"ls:lock:{{race:{i}}}"));
        }
    }

    private static async Task<long> Subscribers(StackExchange.Redis.IServer server, string channel) =>
        (long)(await server.ExecuteAsync("PUBSUB", "NUMSUB", channel))[1];

    [Fact]
    public async Task Keys_share_a_hash_tag_under_the_configured_prefix_and_fence_counters_expire()
    {
        await using var services = new ServiceCollection()
            .AddLocksmith(b => b.UseRedis(fixture.Server.EndPoint).ConfigureRedis(o => o.KeyPrefix = "app1:"))
            .BuildServiceProvider();
        var locks = services.GetRequiredService<ILockProvider>();
        var db = fixture.Admin.GetDatabase();

        await using var lease = await locks.AcquireAsync("order:42", new LockOptions { Fencing = true, Ttl = TimeSpan.FromSeconds(10) });

        Assert.True(await db.KeyExistsAsync("app1:lock:{order:42}"));
        var fenceTtl = await db.KeyTimeToLiveAsync("app1:fence:{order:42}");
        Assert.NotNull(fenceTtl);
        Assert.InRange(fenceTtl.Value, TimeSpan.FromHours(23), TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task A_fence_counter_that_expired_resumes_above_every_token_it_gave_out()
    {
        await using var services = new ServiceCollection().AddLocksmith(b => b.UseRedis(fixture.Server.EndPoint)).BuildServiceProvider();
        var locks = services.GetRequiredService<ILockProvider>();
        var db = fixture.Admin.GetDatabase();
        var options = new LockOptions { Fencing = true };

        long before;
        await using (var first = await locks.AcquireAsync("fence-reset", options))
        {
            before = first.FencingToken;
        }

        await db.KeyDeleteAsync("ls:fence:{fence-reset}");
        await using var second = await locks.AcquireAsync("fence-reset", options);

        Assert.True(second.FencingToken > before, $"{second.FencingToken} after {before}");
    }

    [Fact]
    public async Task Waiters_subscribe_to_their_keys_release_channel_only_while_they_wait()
    {
        await using var services = new ServiceCollection().AddLocksmith(b => b.UseRedis(fixture.Server.EndPoint)).BuildServiceProvider();
        var locks = services.GetRequiredService<ILockProvider>();
        var server = fixture.Admin.GetServer(fixture.Server.EndPoint);
        const string Channel = "ls:released:ls:lock:{notice}";

        var held = await locks.AcquireAsync("notice");
        Assert.Equal(0, await Subscribers(server, Channel));
        var waiting = locks.AcquireAsync("notice", new LockOptions { WaitTimeout = TimeSpan.FromSeconds(10) }).AsTask();
        await Eventually.UntilAsync(async () => await Subscribers(server, Channel) == 1, TimeSpan.FromSeconds(10), "one subscriber to the release channel");

        await held.DisposeAsync();
        await using var next = await waiting;

        await Eventually.UntilAsync(async () => await Subscribers(server, Channel) == 0, TimeSpan.FromSeconds(10), "no subscriber left on the release channel");
    }

    [Fact]
    public async Task Owner_tokens_are_128_bit_random_values()
    {
        await using var services = new ServiceCollection().AddLocksmith(b => b.UseRedis(fixture.Server.EndPoint)).BuildServiceProvider();
        var locks = services.GetRequiredService<ILockProvider>();

        await using var a = (RedisLease)await locks.AcquireAsync("owner-a");
        await using var b = (RedisLease)await locks.AcquireAsync("owner-b");

        Assert.Equal(32, a.Owner.Length);
        Assert.NotEqual(a.Owner, b.Owner);
        Assert.Equal(a.Owner, (string?)await fixture.Admin.GetDatabase().StringGetAsync(a.RedisKey));
    }
}
