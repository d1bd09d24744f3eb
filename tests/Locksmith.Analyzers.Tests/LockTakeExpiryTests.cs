using Locksmith.Analyzers.CodeFixes;
using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class LockTakeExpiryTests
{
    private const string Prefix = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using StackExchange.Redis;

        public class Locks
        {
            private readonly IDatabase db = null!;

        """;

    private static Task Verify(string body) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.LockTakeExpiry, Prefix + body + "\n}", new LockTakeExpiryAnalyzer());

    [Fact]
    public Task Infinite_zero_and_week_long_expiries_are_flagged_on_the_expiry() =>
        Verify("""
            public async Task Take(string key)
            {
                db.LockTake(key, "t", [|TimeSpan.MaxValue|]);
                db.LockTake(key, "t", [|Timeout.InfiniteTimeSpan|]);
                await db.LockTakeAsync(key, "t", [|TimeSpan.Zero|]);
                await db.LockTakeAsync(key, "t", expiry: [|TimeSpan.FromDays(7)|]);
                db.LockTake(key, "t", [|new TimeSpan(48, 0, 0)|]);
            }
            """);

    [Fact]
    public Task Short_or_unknown_expiries_are_not_flagged() =>
        Verify("""
            public async Task Take(string key, TimeSpan ttl)
            {
                db.LockTake(key, "t", TimeSpan.FromSeconds(30));
                await db.LockTakeAsync(key, "t", ttl);
                db.LockTake(key, "t", TimeSpan.FromHours(1));
            }
            """);

    [Fact]
    public Task Fix_replaces_the_expiry_with_thirty_seconds() => CodeFixHarness.VerifyAsync(
        new LockTakeExpiryAnalyzer(), new LockTakeExpiryCodeFix(),
        Prefix + """    public bool Take(string key) => db.LockTake(key, "t", TimeSpan.MaxValue);""" + "\n}",
        Prefix + """    public bool Take(string key) => db.LockTake(key, "t", TimeSpan.FromSeconds(30));""" + "\n}");
}
