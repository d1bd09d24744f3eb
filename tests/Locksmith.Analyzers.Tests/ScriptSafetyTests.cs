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
}
