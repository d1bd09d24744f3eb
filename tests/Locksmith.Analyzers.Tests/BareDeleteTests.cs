using Locksmith.Analyzers.CodeFixes;
using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class BareDeleteTests
{
    private const string Prefix = """
        using System;
        using System.Threading.Tasks;
        using StackExchange.Redis;

        public class Locks
        {
            private readonly IDatabase db = null!;
            private readonly string token = Guid.NewGuid().ToString();

        """;

    private static Task Verify(string body) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.BareDelete, Prefix + body + "\n}", new BareDeleteAnalyzer());

    [Fact]
    public Task Deleting_a_key_taken_with_set_nx_in_another_method_is_flagged() =>
        Verify("""
            public bool Take(string id) => db.StringSet($"lock:{id}", token, TimeSpan.FromSeconds(30), When.NotExists);
            public bool Release(string id) => [|db.KeyDelete($"lock:{id}")|];
            """);

    [Fact]
    public Task Deleting_a_key_taken_with_lock_take_is_flagged_sync_async_and_raw() =>
        Verify("""
            private const string Key = "jobs:nightly";
            public Task<bool> Take() => db.LockTakeAsync(Key, token, TimeSpan.FromSeconds(30));
            public Task<bool> Release() => [|db.KeyDeleteAsync(Key)|];
            public RedisResult ReleaseRaw() => [|db.Execute("DEL", Key)|];
            public long ReleaseMany() => [|db.KeyDelete(new RedisKey[] { Key })|];
            """);

    [Fact]
    public Task Deleting_other_keys_or_releasing_with_the_owner_is_not_flagged() =>
        Verify("""
            public bool Take(string id) => db.LockTake($"lock:{id}", token, TimeSpan.FromSeconds(30));
            public bool Release(string id) => db.LockRelease($"lock:{id}", token);
            public bool Forget(string id) => db.KeyDelete($"cache:{id}");
            """);

    [Fact]
    public Task A_delete_in_a_type_that_takes_no_lock_is_not_flagged() =>
        Verify("""
            public bool Release(string id) => db.KeyDelete($"lock:{id}");
            """);

    [Fact]
    public Task Keys_from_helpers_match_keys_spelled_out_and_expire_zero_persist_and_getdel_are_flagged() =>
        Verify("""
            private static string LockKey(string id) => "lock:" + id;
            public bool Take(string id) => db.StringSet(LockKey(id), token, TimeSpan.FromSeconds(30), When.NotExists);
            public bool Release(string id) => [|db.KeyDelete($"lock:{id}")|];
            public bool Expire(string id) => [|db.KeyExpire(LockKey(id), TimeSpan.Zero)|];
            public bool Pin(string id) => [|db.KeyExpire(LockKey(id), (TimeSpan?)null)|];
            public bool Persist(string id) => [|db.KeyPersist(LockKey(id))|];
            public RedisValue GetDel(string id) => [|db.StringGetDelete(LockKey(id))|];
            public RedisResult Raw(string id) => [|db.Execute("PEXPIRE", LockKey(id), 0)|];
            public bool Extend(string id) => db.KeyExpire(LockKey(id), TimeSpan.FromSeconds(30));
            """);

    [Fact]
    public Task A_handle_deleting_the_key_its_creator_acquired_is_flagged_in_the_handle() =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.BareDelete, """
            using System;
            using System.Threading.Tasks;
            using StackExchange.Redis;

            public class Provider(IDatabase db)
            {
                public async Task<Handle?> Take(string id)
                {
                    var key = "lock:" + id;
                    return await db.StringSetAsync(key, "me", TimeSpan.FromSeconds(5), When.NotExists) ? new Handle(db, key, "scratch:" + id) : null;
                }
            }

            public class Handle : IAsyncDisposable
            {
                private readonly IDatabase db;
                private readonly string key;
                private readonly string scratch;

                public Handle(IDatabase db, string key, string scratch)
                {
                    this.db = db;
                    this.key = key;
                    this.scratch = scratch;
                }

                public async ValueTask DisposeAsync()
                {
                    await db.KeyDeleteAsync(scratch);
                    await [|db.KeyDeleteAsync(key)|];
                }
            }
            """, new BareDeleteAnalyzer());

    [Fact]
    public Task A_delete_in_a_transaction_guarded_by_the_token_is_not_flagged() =>
        Verify("""
            public bool Take(string id) => db.LockTake($"lock:{id}", token, TimeSpan.FromSeconds(30));
            public bool Release(string id)
            {
                var tran = db.CreateTransaction();
                tran.AddCondition(Condition.StringEqual($"lock:{id}", token));
                _ = tran.KeyDeleteAsync($"lock:{id}");
                return tran.Execute();
            }
            """);

    [Fact]
    public Task Fix_releases_with_the_acquisition_token() => CodeFixHarness.VerifyAsync(
        new BareDeleteAnalyzer(), new BareDeleteCodeFix(),
        Prefix + """
            public Task<bool> Take(string id) => db.LockTakeAsync($"lock:{id}", token, TimeSpan.FromSeconds(30));
            public Task<bool> Release(string id) => db.KeyDeleteAsync($"lock:{id}");
        }
        """,
        Prefix + """
            public Task<bool> Take(string id) => db.LockTakeAsync($"lock:{id}", token, TimeSpan.FromSeconds(30));
            public Task<bool> Release(string id) => db.LockReleaseAsync($"lock:{id}", token);
        }
        """);
}
