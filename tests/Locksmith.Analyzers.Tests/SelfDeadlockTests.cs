using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class SelfDeadlockTests
{
    private const string Prefix = """
        using System.Threading;
        using System.Threading.Tasks;
        using Locksmith;

        public class Stock
        {
            private readonly ILockProvider locks = null!;
            private readonly ISemaphoreProvider semaphores = null!;
            private readonly IReaderWriterLockProvider rw = null!;

        """;

    private static Task Verify(string body) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.SelfDeadlock, Prefix + body + "\n}", new SelfDeadlockAnalyzer());

    [Fact]
    public Task Acquiring_the_woven_key_programmatically_inside_the_woven_method_is_flagged() =>
        Verify("""
            [DistributedLock("stock:{sku}")]
            public async Task Reserve(string sku, CancellationToken ct)
            {
                await using var lease = await [|locks.AcquireAsync($"stock:{sku}", null, ct)|];
            }

            [Semaphore(1, Key = "gateway")]
            public async Task Charge()
            {
                await using var permit = await [|semaphores.AcquireAsync("gateway", 1)|];
            }
            """);

    [Fact]
    public Task Calling_a_woven_method_for_a_key_held_programmatically_is_flagged() =>
        Verify("""
            [DistributedLock("stock:{sku}")]
            public Task Reserve(string sku) => Task.CompletedTask;

            public async Task Restock(string item)
            {
                await using var lease = await locks.AcquireAsync("stock:" + item);
                await [|this.Reserve(item)|];
                await [|Reserve(sku: item)|];
            }
            """);

    [Fact]
    public Task Woven_methods_calling_woven_methods_on_the_same_key_are_not_flagged_because_they_reenter() =>
        Verify("""
            [DistributedLock("stock:{sku}")]
            public Task Reserve(string sku) => Task.CompletedTask;

            [DistributedLock("stock:{item}")]
            public async Task Restock(string item) => await this.Reserve(item);

            [DistributedLock("stock:{sku}")]
            public async Task Other(string sku)
            {
                await using var lease = await locks.AcquireAsync($"audit:{sku}");
                await using var permit = await semaphores.AcquireAsync($"stock:{sku}", 2);
            }

            public async Task Different(string item)
            {
                await using var lease = await locks.AcquireAsync("audit:" + item);
                await Reserve(item);
            }
            """);

    [Fact]
    public Task Asking_for_the_write_lock_while_holding_the_read_lock_is_flagged_woven_and_programmatic() =>
        Verify("""
            [WriteLock("catalog:{id}")]
            public Task Save(int id) => Task.CompletedTask;

            [ReadLock("catalog:{id}")]
            public async Task Refresh(int id)
            {
                await [|Save(id)|];
                await using var lease = await [|rw.AcquireWriteAsync($"catalog:{id}")|];
            }

            public async Task Edit(int id)
            {
                await using var read = await rw.AcquireReadAsync("catalog:" + id);
                await using var write = await [|rw.AcquireWriteAsync("catalog:" + id)|];
            }

            public async Task EditUpgradeable(int id)
            {
                await using var read = await rw.AcquireUpgradeableReadAsync($"catalog:{id}");
                await [|Save(id)|];
            }
            """);

    [Fact]
    public Task Mixing_programmatic_and_woven_reader_writer_locks_on_one_key_is_flagged() =>
        Verify("""
            [ReadLock("catalog:{id}")]
            public Task Show(int id) => Task.CompletedTask;

            [WriteLock("catalog:{id}")]
            public async Task Save(int id)
            {
                await using var lease = await [|rw.AcquireReadAsync($"catalog:{id}")|];
            }

            public async Task Import(int id)
            {
                await using var lease = await rw.AcquireWriteAsync("catalog:" + id);
                await [|Show(id)|];
            }
            """);

    [Fact]
    public Task Reader_writer_uses_that_reenter_or_touch_other_keys_are_not_flagged() =>
        Verify("""
            [ReadLock("catalog:{id}")]
            public Task Show(int id) => Task.CompletedTask;

            [WriteLock("catalog:{id}")]
            public async Task Save(int id) => await Show(id);

            [ReadLock("catalog:{id}")]
            public async Task Compare(int id, int other)
            {
                await Show(id);
                await using var lease = await rw.AcquireWriteAsync($"catalog:{other}");
            }

            public async Task Copy(int id, int other)
            {
                await using var read = await rw.AcquireReadAsync("catalog:" + id);
                await using var write = await rw.AcquireWriteAsync("catalog:" + other);
                await using var lockLease = await locks.AcquireAsync("catalog:" + id);
            }
            """);
}
