using Locksmith.Analyzers.CodeFixes;
using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class TryAcquireUncheckedTests
{
    private const string Prefix = """
        using System;
        using System.Threading.Tasks;
        using Locksmith;

        public class Work
        {
            private readonly ILockProvider locks = null!;
            private readonly ISemaphoreProvider semaphores = null!;
            private static Task DoAsync() => Task.CompletedTask;

        """;

    private static Task Verify(string body) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.TryAcquireUnchecked, Prefix + body + "\n}", new TryAcquireUncheckedAnalyzer());

    [Fact]
    public Task A_discarded_or_unchecked_result_is_flagged_for_locks_and_semaphores() =>
        Verify("""
            public async Task Discarded()
            {
                await [|locks.TryAcquireAsync("k")|];
                await DoAsync();
            }

            public async Task Unchecked()
            {
                await using var lease = await [|locks.TryAcquireAsync("k")|];
                await DoAsync();
            }

            public async Task Permit()
            {
                await using var permit = await [|semaphores.TryAcquireAsync("s", 3)|].ConfigureAwait(false);
                await DoAsync();
            }

            public async Task CheckedOnlyAtRelease()
            {
                var lease = await [|locks.TryAcquireAsync("k")|];
                try
                {
                    await DoAsync();
                }
                finally
                {
                    if (lease != null) { await lease.DisposeAsync(); }
                }
            }
            """);

    [Fact]
    public Task A_result_tested_for_null_or_handed_on_is_not_flagged() =>
        Verify("""
            public async Task IsNull()
            {
                await using var lease = await locks.TryAcquireAsync("k");
                if (lease is null) { return; }
                await DoAsync();
            }

            public async Task NotNull()
            {
                await using var permit = await semaphores.TryAcquireAsync("s", 2);
                if (permit != null) { await DoAsync(); }
            }

            public async Task Throws()
            {
                await using var lease = await locks.TryAcquireAsync("k") ?? throw new InvalidOperationException();
                await DoAsync();
            }

            public async Task<ILockLease?> Returned() => await locks.TryAcquireAsync("k");

            public async Task<ILockLease?> ReturnedLocal()
            {
                var lease = await locks.TryAcquireAsync("k");
                return lease;
            }
            """);

    [Fact]
    public Task Fix_returns_when_the_lease_is_null() => CodeFixHarness.VerifyAsync(
        new TryAcquireUncheckedAnalyzer(), new TryAcquireUncheckedCodeFix(),
        Prefix + """
            public async Task Run()
            {
                await using var lease = await locks.TryAcquireAsync("k");
                await DoAsync();
            }
        }
        """,
        Prefix + """
            public async Task Run()
            {
                await using var lease = await locks.TryAcquireAsync("k");
                if (lease is null)
                {
                    return;
                }
                await DoAsync();
            }
        }
        """);
}
