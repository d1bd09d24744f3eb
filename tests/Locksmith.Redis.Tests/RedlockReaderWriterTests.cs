using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Redis.Tests;

/// <summary>Redlock refuses reader-writer locks, programmatic and woven alike, naming the cause and the fix.</summary>
public sealed class RedlockReaderWriterTests(RedlockFixture fixture) : IClassFixture<RedlockFixture>
{
    [Fact]
    public async Task Redlock_refuses_reader_writer_locks_with_the_cause_and_the_fix()
    {
        await using var services = new ServiceCollection().AddLocksmith(b => b.UseRedlock(fixture.EndPoints)).BuildServiceProvider();
        var rw = services.GetRequiredService<IReaderWriterLockProvider>();

        var read = await Assert.ThrowsAsync<NotSupportedException>(async () => await rw.AcquireReadAsync("catalog:1"));
        await Assert.ThrowsAsync<NotSupportedException>(async () => await rw.AcquireWriteAsync("catalog:1"));
        await Assert.ThrowsAsync<NotSupportedException>(async () => await rw.AcquireUpgradeableReadAsync("catalog:1"));
        Assert.Contains("not available with Redlock", read.Message, StringComparison.Ordinal);
        Assert.Contains("UseRedis", read.Message, StringComparison.Ordinal);

        using var scope = services.GetRequiredService<LocksmithRuntime>().ActivateForCurrentFlow();
        var woven = await Assert.ThrowsAsync<NotSupportedException>(() => new RedlockCatalog().ReadAsync(1));
        Assert.Contains("not available with Redlock", woven.Message, StringComparison.Ordinal);
    }
}

public class RedlockCatalog
{
    [ReadLock("catalog:{id}")]
    public virtual Task ReadAsync(int id) => Task.CompletedTask;
}
