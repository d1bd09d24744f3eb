using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class WorkOutlivesReleaseTests
{
    private const string Prefix = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Locksmith;
        using StackExchange.Redis;

        public class Work
        {
            private readonly ILockProvider locks = null!;
            private readonly IDatabase db = null!;
            private static Task HandleAsync(int item) => Task.CompletedTask;

        """;

    private static Task Verify(string body) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.WorkOutlivesRelease, Prefix + body + "\n}", new WorkOutlivesReleaseAnalyzer());

    [Fact]
    public Task An_async_void_lambda_in_a_try_whose_finally_releases_is_flagged() =>
        Verify("""
            public void Run(List<int> items, string token)
            {
                try
                {
                    items.ForEach([|async item => await HandleAsync(item)|]);
                }
                finally
                {
                    db.LockRelease("k", token);
                }
            }
            """);

    [Fact]
    public Task A_task_dropped_under_an_await_using_lease_or_before_a_finally_dispose_is_flagged() =>
        Verify("""
            public async Task Run(Action work)
            {
                await using var lease = await locks.AcquireAsync("k");
                _ = [|Task.Run(work)|];
                [|HandleAsync(1)|];
            }

            public async Task RunTry()
            {
                var lease = await locks.AcquireAsync("k");
                try
                {
                    [|HandleAsync(2)|];
                }
                finally
                {
                    await lease.DisposeAsync();
                }
            }
            """);

    [Fact]
    public Task A_using_lease_added_to_a_list_or_returned_is_flagged() =>
        Verify("""
            public async Task<List<ILockLease>> All(string[] keys)
            {
                var leases = new List<ILockLease>();
                foreach (var key in keys)
                {
                    await using var lease = await locks.AcquireAsync(key);
                    [|leases.Add(lease)|];
                }

                return leases;
            }

            public async Task<ILockLease> One()
            {
                await using var lease = await locks.AcquireAsync("k");
                [|return lease;|]
            }
            """);

    [Fact]
    public Task Awaited_work_sync_lambdas_queued_commands_and_unlocked_code_are_not_flagged() =>
        Verify("""
            public async Task Run(List<int> items, string token)
            {
                await using (var lease = await locks.AcquireAsync("k"))
                {
                    await Task.WhenAll(items.Select(async item => await HandleAsync(item)));
                    var sum = 0;
                    items.ForEach(i => sum += i);
                    await Task.Run(() => sum++);
                }

                try
                {
                    var tran = db.CreateTransaction();
                    _ = tran.KeyDeleteAsync("other");
                    await tran.ExecuteAsync();
                }
                finally
                {
                    db.LockRelease("k", token);
                }

                _ = Task.Run(() => sum2());
                items.ForEach(async item => await HandleAsync(item));
            }

            private static int sum2() => 0;
            """);
}
