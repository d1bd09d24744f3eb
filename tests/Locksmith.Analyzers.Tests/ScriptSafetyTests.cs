using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class ScriptSafetyTests
{
    private const string Prefix = """
        using System.Text;
        using StackExchange.Redis;

        public class Scripts
        {
            private readonly IDatabase db = null!;
            private const string Release = "if redis.call('get', KEYS[1]) == ARGV[1] then " + "return redis.call('del', KEYS[1]) end return 0";

        """;

    [Fact]
    public Task Scripts_built_by_interpolation_concatenation_format_or_builder_are_flagged_on_the_script() =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.DynamicScript, Prefix + """
            public void Run(string key, string field, StringBuilder builder)
            {
                db.ScriptEvaluate([|$"return redis.call('hget', KEYS[1], '{field}')"|], new RedisKey[] { key });
                db.ScriptEvaluateAsync([|"return redis.call('hget', KEYS[1], '" + field + "')"|], new RedisKey[] { key });
                db.ScriptEvaluate([|string.Format("return {0}", field)|]);
                db.ScriptEvaluate([|builder.ToString()|]);
                var text = "return " + field;
                db.ScriptEvaluate([|text|]);
                LuaScript.Prepare([|"return " + field|]);
            }
        }
        """, new DynamicScriptAnalyzer());

    [Fact]
    public Task Constant_scripts_are_not_flagged() =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.DynamicScript, Prefix + """
            public void Run(string key, string token)
            {
                db.ScriptEvaluate(Release, new RedisKey[] { key }, new RedisValue[] { token });
                db.ScriptEvaluate("return redis.call('get', KEYS[1])", new RedisKey[] { key });
                const string local = "return " + "1";
                db.ScriptEvaluate(local);
            }
        }
        """, new DynamicScriptAnalyzer());

    [Fact]
    public Task Literal_and_argv_keys_in_redis_call_are_flagged_on_the_key() =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.ScriptKeyNotFromKeys, Prefix + """
            public void Run(string token)
            {
                db.ScriptEvaluate("return redis.call('GET', [|'config:flags'|])");
                db.ScriptEvaluate("return redis.call('DEL', [|ARGV|][1])", null, new RedisValue[] { token });
                db.Execute("EVAL", "return redis.pcall('INCR', [|'counter'|])", 0);
            }
        }
        """, new ScriptKeyNotFromKeysAnalyzer());

    [Fact]
    public Task Keys_from_keys_and_keyless_commands_are_not_flagged() =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.ScriptKeyNotFromKeys, Prefix + """
            public void Run(string key, string token)
            {
                db.ScriptEvaluate(Release, new RedisKey[] { key }, new RedisValue[] { token });
                db.ScriptEvaluate("redis.call('PUBLISH', 'released', ARGV[1]) return redis.call('TIME')", null, new RedisValue[] { token });
            }
        }
        """, new ScriptKeyNotFromKeysAnalyzer());

    [Fact]
    public Task Script_text_in_a_readonly_field_a_local_or_a_helper_is_checked_and_argv_copied_to_a_local_is_flagged() =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.ScriptKeyNotFromKeys, Prefix + """
            private static readonly string Extend = "return redis.call('pexpire', [|ARGV|][1], ARGV[2])";
            private static string Text() => "return redis.call('get', [|'fixed'|])";
            public void Run(string key)
            {
                db.ScriptEvaluate(Extend);
                db.ScriptEvaluate(Text());
                var local = "local k = ARGV[1] local owner = ARGV[2] if redis.call('get', [|k|]) == owner then return redis.call('del', [|k|]) end return 0";
                db.ScriptEvaluate(local);
                db.ScriptEvaluate("local k = KEYS[1] local v = ARGV[1] return redis.call('set', k, v)", new RedisKey[] { key });
                db.ScriptEvaluate("local built = KEYS[1] .. ':' .. ARGV[1] return redis.call('del', [|built|])", new RedisKey[] { key });
                db.ScriptEvaluate("local ttl = tonumber(ARGV[1]) return redis.call('pexpire', KEYS[1], ttl)", new RedisKey[] { key });
            }
        }
        """, new ScriptKeyNotFromKeysAnalyzer());

    [Fact]
    public Task A_prepared_key_parameter_bound_to_a_string_is_flagged_and_one_bound_to_a_redis_key_is_not() =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.ScriptKeyNotFromKeys, Prefix + """
            private static readonly LuaScript Take = LuaScript.Prepare("return redis.call('set', @key, @value, 'NX', 'PX', 1000)");
            public void Run(string name, string value)
            {
                Take.Evaluate(db, new { [|key = "lock:" + name|], value });
                Take.Evaluate(db, new { key = (RedisKey)("lock:" + name), value });
                var local = Take;
                db.ScriptEvaluate(local, new { [|key = name|], value });
            }
        }
        """, new ScriptKeyNotFromKeysAnalyzer());

    [Fact]
    public Task Script_text_built_by_a_helper_is_flagged_where_it_is_passed() =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.DynamicScript, Prefix + """
            private static string Build(string field) => $"return redis.call('hget', KEYS[1], '{field}')";
            private static string Fixed() => "return redis.call('get', KEYS[1])";
            public void Run(string key, string field)
            {
                db.ScriptEvaluate([|Build(field)|], new RedisKey[] { key });
                db.ScriptEvaluate(Fixed(), new RedisKey[] { key });
            }
        }
        """, new DynamicScriptAnalyzer());
}
