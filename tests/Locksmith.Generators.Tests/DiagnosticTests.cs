using Microsoft.CodeAnalysis;

namespace Locksmith.Generators.Tests;

public sealed class DiagnosticTests
{
    [Fact]
    public void LSG001_a_script_without_header()
    {
        var d = Single("plain.lua", "return redis.call('GET', KEYS[1])\n", "LSG001");
        Assert.Contains("plain.lua", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("--- keys:", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--- keys: a; args: x:float\nreturn redis.call('GET', KEYS[1]) .. ARGV[1]\n", "unknown type")]
    [InlineData("--- keys: a; args: x; colour: red\nreturn redis.call('GET', KEYS[1]) .. ARGV[1]\n", "unknown clause 'colour'")]
    [InlineData("--- keys: a\nreturn redis.call('GET', KEYS[1])\n", "no 'args:' clause")]
    [InlineData("--- args: none\nreturn 1\n", "no 'keys:' clause")]
    [InlineData("--- keys: a, a; args: none\nreturn redis.call('GET', KEYS[1]) .. redis.call('GET', KEYS[2])\n", "declared twice")]
    [InlineData("--- keys: a; args: none; returns: float\nreturn redis.call('GET', KEYS[1])\n", "is not a result type")]
    [InlineData("--- keys: 1a; args: none\nreturn 1\n", "is not a name")]
    [InlineData("--- keys a; args: none\nreturn 1\n", "is not a clause")]
    [InlineData("--- keys: result; args: result\nreturn redis.call('GET', KEYS[1]) .. ARGV[1]\n", "both become the parameter 'result'")]
    [InlineData("--- keys: flags; args: none\nreturn redis.call('GET', KEYS[1])\n", "which the wrapper already has")]
    public void LSG002_a_malformed_header(string text, string expected)
    {
        var d = Single("bad.lua", text, "LSG002");
        Assert.Contains(expected, d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LSG003_KEYS_beyond_the_header_is_reported_where_it_is_used()
    {
        var d = Single("k.lua", "--- keys: a; args: none\nlocal x = redis.call('GET', KEYS[1])\nreturn redis.call('GET', KEYS[2])\n", "LSG003");
        Assert.Contains("KEYS[2]", d.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(2, d.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void LSG004_ARGV_beyond_the_header()
    {
        var d = Single("a.lua", "--- keys: a; args: x\nreturn redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])\n", "LSG004");
        Assert.Contains("ARGV[3]", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("1 argument(s)", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LSG005_a_declared_key_never_used()
    {
        var d = Single("u.lua", "--- keys: a, b; args: none\nreturn redis.call('GET', KEYS[1])\n", "LSG005");
        Assert.Contains("'b' (KEYS[2])", d.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
    }

    [Fact]
    public void LSG006_a_declared_argument_never_used()
    {
        var d = Single("u.lua", "--- keys: a; args: x, y\nreturn redis.call('SET', KEYS[1], ARGV[1])\n", "LSG006");
        Assert.Contains("'y' (ARGV[2])", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dynamic_use_of_KEYS_or_ARGV_is_not_reported_as_unused()
    {
        var (_, diagnostics, _) = Run(("d.lua", "--- keys: a, b; args: x, y\nfor i = 1, #KEYS do redis.call('SET', KEYS[i], ARGV[i]) end\nreturn #ARGV\n"));
        Assert.DoesNotContain(diagnostics, d => d.Id is "LSG005" or "LSG006");
    }

    [Theory]
    [InlineData("--- keys: none; args: k\nreturn redis.call('GET', ARGV[1])\n", "ARGV")]
    [InlineData("--- keys: none; args: none\nreturn redis.call('get', 'config:limits')\n", "the literal 'config:limits'")]
    [InlineData("--- keys: a; args: none\nredis.call('GET', KEYS[1])\nreturn redis.pcall('DEL', 'other')\n", "the literal 'other'")]
    [InlineData("--- keys: none; args: g\nreturn redis.call('XGROUP', 'CREATE', ARGV[1], 'g', '$')\n", "ARGV")]
    public void LSG007_a_key_that_does_not_come_from_KEYS(string text, string source)
    {
        var d = Single("c.lua", text, "LSG007");
        Assert.Contains(source, d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Cluster", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--- keys: none; args: m\nreturn redis.call('PUBLISH', 'events', ARGV[1])\n")]
    [InlineData("--- keys: none; args: none\nreturn redis.call('TIME')\n")]
    [InlineData("--- keys: s; args: none\nreturn redis.call('XGROUP', 'CREATE', KEYS[1], 'g', '$', 'MKSTREAM')\n")]
    public void LSG007_not_reported_for_keyless_commands_or_keys_after_subcommands(string text)
    {
        var (_, diagnostics, _) = Run(("ok.lua", text));
        Assert.DoesNotContain(diagnostics, d => d.Id == "LSG007");
    }

    [Fact]
    public void LSG008_two_scripts_with_the_same_class_name()
    {
        var (_, diagnostics, result) = Run(
            ("one/get.lua", "--- keys: a; args: none\nreturn redis.call('GET', KEYS[1])\n"),
            ("two/get.lua", "--- keys: a; args: none\nreturn redis.call('GET', KEYS[1])\n"));

        var d = Assert.Single(diagnostics, x => x.Id == "LSG008");
        Assert.Contains("App.LuaScripts.GetScript", d.GetMessage(), StringComparison.Ordinal);
        Assert.Single(result.Results.Single().GeneratedSources, s => s.HintName.Contains("GetScript", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--- keys: a; args: none\nreturn redis.call('GET', KEYS[1], 'oops)\n", "not closed on its line", 2)]
    [InlineData("--- keys: a; args: none\n--[[ never closed\nreturn redis.call('GET', KEYS[1])\n", "long comment", 2)]
    [InlineData("--- keys: a; args: none\nlocal s = [[ open\nreturn redis.call('GET', KEYS[1])\n", "long string", 2)]
    [InlineData("--- keys: a; args: none\nif redis.call('GET', KEYS[1]) then\n  return 1\n", "'if' is never closed by 'end'", 2)]
    [InlineData("--- keys: a; args: none\nreturn redis.call('GET', KEYS[1])\nend\n", "'end' has no matching", 3)]
    [InlineData("--- keys: a; args: none\nrepeat\n  redis.call('GET', KEYS[1])\nend\n", "'end' has no matching", 4)]
    [InlineData("--- keys: a; args: none\nwhile true do\n  redis.call('GET', KEYS[1])\n", "'while' is never closed", 2)]
    public void LSG009_Lua_that_does_not_parse_is_reported_at_its_line(string text, string expected, int line)
    {
        var d = Single("broken.lua", text, "LSG009");
        Assert.Contains(expected, d.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(line - 1, d.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Balanced_blocks_of_every_kind_parse()
    {
        const string text = "--- keys: a; args: none\n" +
            "local function f(x) if x then return 1 elseif x == 2 then return 2 else return 3 end end\n" +
            "for i = 1, 3 do local y = i end\nwhile false do end\ndo local z = 1 end\n" +
            "repeat local w = 1 until true\nfor k, v in pairs({}) do end\n" +
            "local s = 'it''s' .. \"q\\\"uote\" .. [==[ long ]] still ]==]\n--[[ comment ]]\nreturn redis.call('GET', KEYS[1])\n";
        var (_, diagnostics, _) = Run(("ok.lua", text));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void LSG010_without_StackExchange_Redis_nothing_is_generated()
    {
        var (_, diagnostics, result) = GeneratorHarness.Run(GeneratorHarness.Compilation(withRedis: false), GeneratorHarness.Script("lock_release.lua"));

        Assert.Contains(diagnostics, d => d.Id == "LSG010" && d.GetMessage().Contains("PackageReference", StringComparison.Ordinal));
        Assert.Empty(result.Results.Single().GeneratedSources);
    }

    [Fact]
    public void A_script_with_an_error_gets_no_wrapper()
    {
        var (_, _, result) = Run(("bad.lua", "--- keys: a; args: none\nreturn redis.call('GET', KEYS[3])\n"));
        Assert.Empty(result.Results.Single().GeneratedSources);
    }

    private static Diagnostic Single(string file, string text, string id)
    {
        var (_, diagnostics, _) = Run((file, text));
        var matching = diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {id}, got: {string.Join("; ", diagnostics.Select(d => $"{d.Id} {d.GetMessage()}"))}");
        Assert.EndsWith(file, matching[0].Location.GetLineSpan().Path, StringComparison.Ordinal);
        return matching[0];
    }

    private static (Compilation, System.Collections.Immutable.ImmutableArray<Diagnostic>, GeneratorDriverRunResult) Run(params (string Name, string Text)[] scripts) =>
        GeneratorHarness.Run(GeneratorHarness.Compilation(), scripts.Select(s => GeneratorHarness.Inline(s.Name, s.Text)).ToArray());
}
