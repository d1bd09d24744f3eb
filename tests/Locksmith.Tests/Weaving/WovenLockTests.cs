using System.Reflection;
using Locksmith.Backends;

namespace Locksmith.Tests.Weaving;

[Collection(GlobalRuntimeCollection.Name)]
public sealed class WovenLockTests
{
    [Fact]
    public async Task Task_of_T_method_runs_under_the_lock_and_releases_it()
    {
        await using var context = new WovenTestContext();

        Assert.Equal(3, await context.Service.ReserveAsync("A-1", 3));

        Assert.Equal(["reserve A-1 3"], context.Service.Calls);
        await context.AssertFreeAsync("stock:A-1");
    }

    [Fact]
    public async Task Every_return_shape_is_covered_for_its_whole_duration()
    {
        await using var context = new WovenTestContext();
        var service = context.Service;

        service.ReserveSync("S");
        Assert.Equal(1, service.CountSync("C"));
        await service.RestockAsync("R");
        await service.AuditAsync("V");
        Assert.Equal("label-L", await service.LabelAsync("L"));
        Assert.Equal(7, StockService.StaticCount(context.Locks));

        Assert.Equal(["sync S", "restock R", "audit V"], service.Calls);
        foreach (var key in new[] { "stock:S", "stock:C", "stock:R", "stock:V", "stock:L", "global" })
        {
            await context.AssertFreeAsync(key);
        }
    }

    [Fact]
    public async Task Interface_virtual_and_reflection_calls_are_all_locked()
    {
        await using var context = new WovenTestContext();
        IStockService viaInterface = context.Service;
        StockService viaBase = new DerivedStockService { Probe = context.Locks };

        Assert.Equal(2, await viaInterface.ReserveAsync("I", 2));
        Assert.Equal("derived+base", await viaBase.DescribeAsync("D"));
        var viaReflection = (Task<int>)typeof(StockService).GetMethod(nameof(StockService.ReserveAsync))!.Invoke(context.Service, ["X", 5])!;
        Assert.Equal(5, await viaReflection);

        await context.AssertFreeAsync("stock:I");
        await context.AssertFreeAsync("stock:X");
    }

    [Fact]
    public async Task Concurrent_calls_on_one_key_never_overlap()
    {
        await using var context = new WovenTestContext();
        var service = context.Service;

        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => service.CriticalAsync("hot"))));

        Assert.Equal(1, service.MaxInside);
        Assert.Equal(32, service.Entries);
    }

    [Fact]
    public async Task The_bodys_exception_propagates_unchanged_and_the_lock_is_released()
    {
        await using var context = new WovenTestContext();

        var sync = await Assert.ThrowsAsync<InvalidProgramException>(() => context.Service.ThrowsAsync("E1"));
        var later = await Assert.ThrowsAsync<InvalidProgramException>(() => context.Service.ThrowsLaterAsync("E2"));
        var plain = Assert.Throws<InvalidProgramException>(() => context.Service.ThrowsSync("E3"));

        Assert.Equal("boom E1", sync.Message);
        Assert.Equal("later E2", later.Message);
        Assert.Equal("sync E3", plain.Message);
        await context.AssertFreeAsync("stock:E1");
        await context.AssertFreeAsync("stock:E2");
        await context.AssertFreeAsync("stock:E3");
    }

    [Fact]
    public async Task A_locked_method_calling_methods_locked_on_the_same_key_re_enters_instead_of_deadlocking()
    {
        await using var context = new WovenTestContext();

        Assert.Equal(1 + "RE".Length, await context.Service.ReserveTwiceAsync("RE").WaitAsync(TimeSpan.FromSeconds(20)));

        await context.AssertFreeAsync("stock:RE");
    }

    [Fact]
    public async Task Work_started_inside_a_locked_method_that_outlives_it_takes_the_lock_itself()
    {
        await using var context = new WovenTestContext();
        var gate = new TaskCompletionSource();
        var later = await context.Service.ReserveLaterAsync("BG", gate.Task);
        var held = await context.Locks.AcquireAsync("stock:BG");

        gate.SetResult();
        await Task.Delay(200);
        Assert.False(later.IsCompleted, "The background call re-entered a lock its flow no longer held.");

        await held.DisposeAsync();
        await later.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Wait_timeout_from_the_attribute_raises_LockTimeoutException()
    {
        await using var context = new WovenTestContext();
        await using var held = await context.Locks.AcquireAsync("order:42");

        var ex = await Assert.ThrowsAsync<LockTimeoutException>(() => context.Service.WaitBrieflyAsync(42));

        Assert.Equal("order:42", ex.Key);
    }

    [Fact]
    public async Task A_CancellationToken_parameter_cancels_the_wait()
    {
        await using var context = new WovenTestContext();
        await using var held = await context.Locks.AcquireAsync("order:7");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => context.Service.WaitForeverAsync(7, cancel.Token));
    }

    [Fact]
    public async Task Losing_the_lease_cancels_the_running_bodys_token()
    {
        await using var context = new WovenTestContext();
        var order = new Order(1, "cust");
        var running = context.Service.ShipAsync(order, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(running.IsCompleted);

        // Revoke behind the holder's back; renewal (every 2 s / 3) notices and fires the lease's LostToken.
        var store = ((InMemory.InMemoryLockProvider)context.Locks).Store;
        Assert.Equal(1, store.HolderCount(LeaseKind.Lock, "order:cust:1"));
        await RevokeAllAsync(store, "order:cust:1");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Fencing_attribute_gives_increasing_tokens()
    {
        await using var context = new WovenTestContext();
        await context.Service.FencedAsync("F", CancellationToken.None);
        await using var lease = await context.Locks.AcquireAsync("stock:F", new LockOptions { Fencing = true });
        Assert.True(lease.FencingToken >= 2, $"token {lease.FencingToken}");
    }

    [Fact]
    public async Task Doubled_braces_are_literal()
    {
        await using var context = new WovenTestContext();
        var held = await context.Locks.AcquireAsync("fixed-B-{literal}");
        var call = context.Service.BracesAsync("B");
        await Task.Delay(200);
        Assert.False(call.IsCompleted, "The call did not wait for the lock on the literal-brace key.");

        await held.DisposeAsync();

        Assert.Equal("B", await call.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Unknown_placeholder_fails_naming_the_method_and_the_placeholder()
    {
        await using var context = new WovenTestContext();

        var ex = await Assert.ThrowsAsync<KeyTemplateException>(() => context.Service.UnknownPlaceholderAsync("x"));

        Assert.Contains("StockService.UnknownPlaceholderAsync", ex.Message, StringComparison.Ordinal);
        Assert.Contains("{product}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sku", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_member_fails_naming_the_member_and_the_type()
    {
        await using var context = new WovenTestContext();

        var ex = await Assert.ThrowsAsync<KeyTemplateException>(() => context.Service.UnknownMemberAsync(new Order(1, "c")));

        Assert.Contains("{order.Missing}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Order", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Null_in_a_key_fails_instead_of_locking_the_wrong_key()
    {
        await using var context = new WovenTestContext();

        var ex = await Assert.ThrowsAsync<KeyTemplateException>(() => context.Service.ShipAsync(new Order(3, null), CancellationToken.None));

        Assert.Contains("order.CustomerId was null", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_duration_in_the_attribute_names_the_property_and_the_accepted_forms()
    {
        await using var context = new WovenTestContext();

        var ex = await Assert.ThrowsAsync<FormatException>(() => context.Service.BadTtlAsync("x"));

        Assert.Contains("Ttl = \"soon\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("30s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Async_void_is_refused_with_an_explanation()
    {
        await using var context = new WovenTestContext();

        var ex = Assert.Throws<NotSupportedException>(() => context.Service.AsyncVoid("x"));

        Assert.Contains("async void", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_return_type_awaited_otherwise_than_as_Task_or_ValueTask_is_refused_rather_than_unlocked_while_it_runs()
    {
        await using var context = new WovenTestContext();

        // The lease would end when the method returns the awaitable, while the work it stands for still runs.
        var ex = Assert.IsType<NotSupportedException>(Record.Exception(Call));

        Assert.Contains("ConfiguredTaskAwaitable", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Return Task", ex.Message, StringComparison.Ordinal);
        await using var free = await context.Locks.TryAcquireAsync("stock:x");
        Assert.NotNull(free);

        void Call() => context.Service.OtherAwaitable("x");
    }

    [Fact]
    public async Task Keys_are_formatted_with_the_invariant_culture()
    {
        await using var context = new WovenTestContext();
        var culture = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            await using var held = await context.Locks.AcquireAsync("price:1.5:2026-11-24");
            var call = Task.Run(() => context.Service.PriceKey(1.5, new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc)));
            await Task.Delay(200);
            Assert.False(call.IsCompleted, "The call did not wait for the invariant-culture key.");
            await held.DisposeAsync();
            Assert.Equal("ok", await call.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    private static Task RevokeAllAsync(InMemory.InMemoryLockStore store, string key)
    {
        // Owners are small sequential numbers in a fresh store: revoke whichever holds the key.
        for (long owner = 1; owner < 10_000 && store.HolderCount(LeaseKind.Lock, key) > 0; owner++)
        {
            store.Release(LeaseKind.Lock, key, owner);
        }

        return Task.CompletedTask;
    }
}
