using Locksmith.Analyzers.CodeFixes;
using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class SetNxWithoutExpiryTests
{
    private static Task Verify(string body) => AnalyzerHarness.VerifyAsync(
        RuleIdentifiers.SetNxWithoutExpiry,
        $$"""
        using System;
        using System.Threading.Tasks;
        using StackExchange.Redis;

        public class Locks
        {
            private readonly IDatabase db = null!;
            private readonly string token = Guid.NewGuid().ToString();

            {{body}}
        }
        """,
        new SetNxWithoutExpiryAnalyzer());

    [Fact]
    public Task Sync_named_when_without_expiry_is_flagged() =>
        Verify("""public bool Take(string key) => [|db.StringSet(key, token, when: When.NotExists)|];""");

    [Fact]
    public Task Async_positional_null_expiry_is_flagged_on_the_expiry() =>
        Verify("""public Task<bool> Take(string key) => db.StringSetAsync(key, token, [|null|], When.NotExists);""");

    [Fact]
    public Task Value_condition_not_exists_with_default_expiration_is_flagged() =>
        Verify("""public Task<bool> Take(string key) => [|db.StringSetAsync(key, token, when: ValueCondition.NotExists)|];""");

    [Fact]
    public Task Set_nx_through_execute_without_px_is_flagged() =>
        Verify("""public RedisResult Take(string key) => [|db.Execute("SET", key, token, "NX")|];""");

    [Fact]
    public Task Setnx_through_execute_is_flagged() =>
        Verify("""public Task<RedisResult> Take(string key) => [|db.ExecuteAsync("setnx", key, token)|];""");

    [Fact]
    public Task Set_nx_inside_a_literal_script_is_flagged() =>
        Verify("""public RedisResult Take(string key) => [|db.ScriptEvaluate("return redis.call('SET', KEYS[1], ARGV[1], 'NX')", new RedisKey[] { key }, new RedisValue[] { token })|];""");

    [Fact]
    public Task Set_nx_with_expiry_in_every_form_is_not_flagged() =>
        Verify("""
            public async Task Take(string key, TimeSpan ttl)
            {
                db.StringSet(key, token, TimeSpan.FromSeconds(30), When.NotExists);
                await db.StringSetAsync(key, token, expiry: ttl, when: When.NotExists);
                await db.StringSetAsync(key, token, TimeSpan.FromSeconds(5), ValueCondition.NotExists);
                db.Execute("SET", key, token, "NX", "PX", 30000);
                db.ScriptEvaluate("return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])", new RedisKey[] { key }, new RedisValue[] { token, 30000 });
                db.ScriptEvaluate("if redis.call('SETNX', KEYS[1], ARGV[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end", new RedisKey[] { key }, new RedisValue[] { token, 30000 });
            }
            """);

    [Fact]
    public Task Plain_set_without_nx_is_not_flagged() =>
        Verify("""public bool Put(string key) => db.StringSet(key, token) && db.StringSet(key, token, null, When.Exists);""");

    private const string FixPrefix = """
        using System;
        using System.Threading.Tasks;
        using StackExchange.Redis;

        public class Locks
        {
            private readonly IDatabase db = null!;

        """;

    [Fact]
    public Task Fix_adds_a_named_expiry() => CodeFixHarness.VerifyAsync(
        new SetNxWithoutExpiryAnalyzer(), new SetNxWithoutExpiryCodeFix(),
        FixPrefix + """    public bool Take(string key) => db.StringSet(key, "t", when: When.NotExists);""" + "\n}",
        FixPrefix + """    public bool Take(string key) => db.StringSet(key, "t", when: When.NotExists, expiry: TimeSpan.FromSeconds(30));""" + "\n}");

    [Fact]
    public Task Fix_replaces_a_null_expiry() => CodeFixHarness.VerifyAsync(
        new SetNxWithoutExpiryAnalyzer(), new SetNxWithoutExpiryCodeFix(),
        FixPrefix + """    public Task<bool> Take(string key) => db.StringSetAsync(key, "t", null, When.NotExists);""" + "\n}",
        FixPrefix + """    public Task<bool> Take(string key) => db.StringSetAsync(key, "t", TimeSpan.FromSeconds(30), When.NotExists);""" + "\n}");

    [Fact]
    public Task Fix_appends_px_to_a_raw_set() => CodeFixHarness.VerifyAsync(
        new SetNxWithoutExpiryAnalyzer(), new SetNxWithoutExpiryCodeFix(),
        FixPrefix + """    public RedisResult Take(string key) => db.Execute("SET", key, "t", "NX");""" + "\n}",
        FixPrefix + """    public RedisResult Take(string key) => db.Execute("SET", key, "t", "NX", "PX", 30000);""" + "\n}");

    [Fact]
    public Task Fix_turns_setnx_into_set_nx_px() => CodeFixHarness.VerifyAsync(
        new SetNxWithoutExpiryAnalyzer(), new SetNxWithoutExpiryCodeFix(),
        FixPrefix + """    public RedisResult Take(string key) => db.Execute("SETNX", key, "t");""" + "\n}",
        FixPrefix + """    public RedisResult Take(string key) => db.Execute("SET", key, "t", "NX", "PX", 30000);""" + "\n}");

    [Fact]
    public Task An_infinite_expiry_or_a_nullable_parameter_defaulting_to_null_is_flagged() =>
        Verify("""
            private static readonly TimeSpan Forever = TimeSpan.MaxValue;
            public bool Max(string key) => db.StringSet(key, token, [|TimeSpan.MaxValue|], When.NotExists);
            public bool Field(string key) => db.StringSet(key, token, [|Forever|], When.NotExists);
            public bool Optional(string key, TimeSpan? expiry = null) => db.StringSet(key, token, [|expiry|], When.NotExists);
            public bool Fallback(string key, TimeSpan? expiry = null) => db.StringSet(key, token, expiry ?? TimeSpan.FromSeconds(5), When.NotExists);
            public bool Required(string key, TimeSpan? expiry) => db.StringSet(key, token, expiry, When.NotExists);
            """);
}
