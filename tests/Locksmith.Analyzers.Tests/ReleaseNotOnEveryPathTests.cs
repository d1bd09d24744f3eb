using Locksmith.Analyzers.CodeFixes;
using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class ReleaseNotOnEveryPathTests
{
    private const string Prefix = """
        using System;
        using System.Threading.Tasks;
        using Locksmith;
        using StackExchange.Redis;

        public class Work
        {
            private readonly ILockProvider locks = null!;
            private readonly ISemaphoreProvider semaphores = null!;
            private readonly IDatabase db = null!;
            private static void DoWork() { }

        """;

    private static Task Verify(string body) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.ReleaseNotOnEveryPath, Prefix + body + "\n}", new ReleaseNotOnEveryPathAnalyzer());

    [Fact]
    public Task A_lease_disposed_after_the_work_but_not_in_finally_is_flagged() =>
        Verify("""
            public async Task Run()
            {
                var lease = await [|locks.AcquireAsync("job")|];
                DoWork();
                await lease.DisposeAsync();
            }
            """);

    [Fact]
    public Task A_discarded_lease_and_an_unreleased_permit_are_flagged() =>
        Verify("""
            public async Task Run()
            {
                await [|locks.AcquireAsync("job")|];
                var permit = await [|semaphores.TryAcquireAsync("gate", 3)|].ConfigureAwait(false);
                DoWork();
            }
            """);

    [Fact]
    public Task A_lease_from_a_concrete_provider_is_judged_like_one_from_the_interface() =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.ReleaseNotOnEveryPath, """
            using System.Threading;
            using System.Threading.Tasks;
            using Locksmith;

            public abstract class MyLocks : ILockProvider
            {
                public abstract ValueTask<ILockLease> AcquireAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default);
                public abstract ValueTask<ILockLease?> TryAcquireAsync(string key, LockOptions? options = null, CancellationToken cancellationToken = default);
                public abstract ValueTask<ILockLeaseSet> AcquireAllAsync(System.Collections.Generic.IEnumerable<string> keys, LockOptions? options = null, CancellationToken cancellationToken = default);
            }

            public class Work
            {
                public async Task Run(MyLocks locks)
                {
                    var lease = await [|locks.AcquireAsync("job")|];
                }
            }
            """, new ReleaseNotOnEveryPathAnalyzer());

    [Fact]
    public Task A_lock_take_released_outside_finally_is_flagged() =>
        Verify("""
            public void Run()
            {
                if ([|db.LockTake("job", "me", TimeSpan.FromSeconds(30))|])
                {
                    DoWork();
                    db.LockRelease("job", "me");
                }
            }
            """);

    [Fact]
    public Task Using_finally_and_handing_the_lease_on_are_not_flagged() =>
        Verify("""
            public async Task Run()
            {
                await using var a = await locks.AcquireAsync("a");
                await using (var b = await locks.AcquireAsync("b")) { DoWork(); }
                var c = await locks.AcquireAsync("c");
                try { DoWork(); } finally { await c.DisposeAsync(); }
                if (db.LockTake("d", "me", TimeSpan.FromSeconds(30)))
                {
                    try { DoWork(); } finally { db.LockRelease("d", "me"); }
                }
            }

            public async Task<ILockLease> Handover() => await locks.AcquireAsync("e");

            public async Task<ILockLease> Kept()
            {
                var lease = await locks.AcquireAsync("f");
                return lease;
            }

            public bool TakeOnly() => db.LockTake("g", "me", TimeSpan.FromSeconds(30));
            """);

    [Fact]
    public Task Fix_holds_the_lease_with_await_using_and_drops_the_manual_dispose() => CodeFixHarness.VerifyAsync(
        new ReleaseNotOnEveryPathAnalyzer(), new ReleaseNotOnEveryPathCodeFix(),
        Prefix + """
            public async Task Run()
            {
                var lease = await locks.AcquireAsync("job");
                DoWork();
                await lease.DisposeAsync();
            }
        }
        """,
        Prefix + """
            public async Task Run()
            {
                await using var lease = await locks.AcquireAsync("job");
                DoWork();
            }
        }
        """);

    [Fact]
    public Task A_release_in_a_lambda_handed_to_the_returned_handle_and_a_discarded_try_acquire_are_not_this_rules() =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.ReleaseNotOnEveryPath, Prefix + """
            public IDisposable? Take(string key, string token)
            {
                if (!db.LockTake(key, token, TimeSpan.FromSeconds(5)))
                {
                    return null;
                }

                DoWork();
                return new Releaser(() => db.LockRelease(key, token));
            }

            public async Task Discard() => await {|LSM017:locks.TryAcquireAsync("k")|};
        }

        public sealed class Releaser(Action release) : IDisposable
        {
            public void Dispose() => release();
        }
        """);
}
