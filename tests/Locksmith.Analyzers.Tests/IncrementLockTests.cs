using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class IncrementLockTests
{
    private const string Prefix = """
        using System;
        using System.Threading.Tasks;
        using StackExchange.Redis;

        public class Gate
        {
            private readonly IDatabase db = null!;
            private static string KeyOf(string name) => "gate:" + name;

        """;

    private static Task Verify(string body) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.IncrementLock, Prefix + body + "\n}", new IncrementLockAnalyzer());

    [Fact]
    public Task Increment_compared_with_one_then_a_separate_expire_is_flagged_sync_and_async() =>
        Verify("""
            public bool Enter(string name)
            {
                if ([|db.StringIncrement(KeyOf(name))|] == 1)
                {
                    db.KeyExpire($"gate:{name}", TimeSpan.FromSeconds(30));
                    return true;
                }

                return false;
            }

            public async Task<bool> EnterAsync(string name)
            {
                var n = await [|db.StringIncrementAsync(KeyOf(name))|];
                await db.KeyExpireAsync(KeyOf(name), TimeSpan.FromSeconds(30));
                return 1 == n;
            }
            """);

    [Fact]
    public Task A_counter_never_compared_with_one_an_expire_of_another_key_or_a_transaction_is_not_flagged() =>
        Verify("""
            public long Hit(string page)
            {
                var n = db.StringIncrement("views:" + page);
                db.KeyExpire("views:" + page, TimeSpan.FromDays(1));
                return n;
            }

            public bool Other(string name)
            {
                var first = db.StringIncrement(KeyOf(name)) == 1;
                db.KeyExpire("elsewhere", TimeSpan.FromSeconds(1));
                return first;
            }

            public async Task<bool> Atomic(string name)
            {
                var tran = db.CreateTransaction();
                var n = tran.StringIncrementAsync(KeyOf(name));
                _ = tran.KeyExpireAsync(KeyOf(name), TimeSpan.FromSeconds(10));
                await tran.ExecuteAsync();
                return await n == 1;
            }
            """);
}
