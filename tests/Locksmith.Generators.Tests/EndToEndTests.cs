using System.Reflection;
using Locksmith.Testing;
using Microsoft.CodeAnalysis;
using StackExchange.Redis;

namespace Locksmith.Generators.Tests;

/// <summary>Generates wrappers, compiles them, loads them and runs them against a real redis-server.</summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private static readonly Lazy<Assembly> Generated = new(CompileScripts);
    private RedisServer _server = null!;
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync($"{_server.EndPoint},allowAdmin=true");
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Generated_wrappers_take_and_release_a_lock_with_fencing()
    {
        var db = _redis.GetDatabase();

        Assert.Equal(1L, await AcquireAsync(db, "lock:a", "fence:a", "owner-1"));
        Assert.Null(await AcquireAsync(db, "lock:a", "fence:a", "owner-2"));
        Assert.False(await ReleaseAsync(db, "lock:a", "owner-2"));
        Assert.True(await ReleaseAsync(db, "lock:a", "owner-1"));
        Assert.Equal(2L, await AcquireAsync(db, "lock:a", "fence:a", "owner-2"));
        Assert.True((await db.KeyTimeToLiveAsync("lock:a")) is { TotalMilliseconds: > 0 and <= 30_000 });
    }

    [Fact]
    public async Task Wrappers_keep_working_after_SCRIPT_FLUSH()
    {
        var db = _redis.GetDatabase();
        Assert.Equal(1L, await AcquireAsync(db, "lock:f", "fence:f", "o"));
        var sha = (string)Type("LockAcquireScript").GetField("Sha1")!.GetValue(null)!;
        Assert.True((await _redis.GetServer(_server.EndPoint).ScriptExistsAsync(Convert.FromHexString(sha))));

        await _redis.GetServer(_server.EndPoint).ScriptFlushAsync();
        Assert.False(await _redis.GetServer(_server.EndPoint).ScriptExistsAsync(Convert.FromHexString(sha)));

        Assert.True(await ReleaseAsync(db, "lock:f", "o"));
        Assert.Equal(2L, await AcquireAsync(db, "lock:f", "fence:f", "o2"));
        Assert.True(await _redis.GetServer(_server.EndPoint).ScriptExistsAsync(Convert.FromHexString(sha)));
    }

    [Fact]
    public async Task The_synchronous_wrapper_and_a_keyless_array_result_work()
    {
        var db = _redis.GetDatabase();
        var acquire = Type("LockAcquireScript").GetMethod("Evaluate")!;

        var token = (long?)acquire.Invoke(null, [db, (RedisKey)"lock:s", (RedisKey)"fence:s", "me", 30_000L, 0L, CommandFlags.None]);
        var clock = await (Task<RedisResult[]>)Type("ServerClockScript").GetMethod("EvaluateAsync")!.Invoke(null, [db, CommandFlags.None, CancellationToken.None])!;

        Assert.Equal(0L, token);
        Assert.Equal(2, clock.Length);
        Assert.True((long)clock[0] > 1_700_000_000);
    }

    [Fact]
    public async Task Wrappers_work_inside_a_batch_even_after_SCRIPT_FLUSH()
    {
        var db = _redis.GetDatabase();
        await _redis.GetServer(_server.EndPoint).ScriptFlushAsync();
        var batch = db.CreateBatch();
        var first = AcquireAsync(batch, "lock:b1", "fence:b1", "x");
        var second = AcquireAsync(batch, "lock:b2", "fence:b2", "y");
        batch.Execute();

        Assert.Equal(1L, await first.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1L, await second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static Task<long?> AcquireAsync(IDatabaseAsync db, string key, string fence, string owner) =>
        (Task<long?>)Type("LockAcquireScript").GetMethod("EvaluateAsync")!
            .Invoke(null, [db, (RedisKey)key, (RedisKey)fence, owner, 30_000L, 1L, CommandFlags.None, CancellationToken.None])!;

    private static Task<bool> ReleaseAsync(IDatabaseAsync db, string key, string owner) =>
        (Task<bool>)Type("LockReleaseScript").GetMethod("EvaluateAsync")!
            .Invoke(null, [db, (RedisKey)key, owner, CommandFlags.None, CancellationToken.None])!;

    private static Type Type(string name) => Generated.Value.GetType("App.LuaScripts." + name, throwOnError: true)!;

    private static Assembly CompileScripts()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run(
            GeneratorHarness.Compilation(),
            GeneratorHarness.Script("lock_acquire.lua"), GeneratorHarness.Script("lock_release.lua"), GeneratorHarness.Script("echo_all.lua"));
        Assert.Empty(diagnostics);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray());
    }
}
