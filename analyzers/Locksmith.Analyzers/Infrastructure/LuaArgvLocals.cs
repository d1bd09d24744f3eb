using System.Collections.Generic;
using Locksmith.Generators.Lua;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>
    /// Lua data flow from ARGV through locals: <c>local lockKey = ARGV[1]</c> and later <c>redis.call('del', lockKey)</c>.
    /// The generator's key check sees only ARGV written at the call; this rewrites each later use of such a local into
    /// an ARGV token at the same position, so the same check (one definition of "a key outside KEYS") catches both.
    /// </summary>
    internal static class LuaArgvLocals
    {
        public static IReadOnlyList<LuaToken> Expand(IReadOnlyList<LuaToken> tokens, out HashSet<(int Line, int Column)> rewritten)
        {
            rewritten = new HashSet<(int, int)>();
            var fromArgv = new HashSet<string>();
            var result = new List<LuaToken>(tokens.Count);
            for (var i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i];

                // NAME = ARGV[...] or NAME = other ARGV local (with or without 'local'): NAME now carries an ARGV value.
                if (token.Kind == LuaTokenKind.Name && i + 2 < tokens.Count && tokens[i + 1].Is(LuaTokenKind.Symbol, "=")
                    && (tokens[i + 2].Is(LuaTokenKind.Name, "ARGV") || (tokens[i + 2].Kind == LuaTokenKind.Name && fromArgv.Contains(tokens[i + 2].Text))))
                {
                    fromArgv.Add(token.Text);
                    result.Add(token);
                    continue;
                }

                // Any other assignment of the name gives it a value of unknown origin.
                if (token.Kind == LuaTokenKind.Name && i + 1 < tokens.Count && tokens[i + 1].Is(LuaTokenKind.Symbol, "="))
                {
                    fromArgv.Remove(token.Text);
                }

                if (token.Kind == LuaTokenKind.Name && fromArgv.Contains(token.Text))
                {
                    result.Add(new LuaToken(LuaTokenKind.Name, "ARGV", token.Line, token.Column));
                    rewritten.Add((token.Line, token.Column));
                    continue;
                }

                result.Add(token);
            }

            return result;
        }
    }
}
