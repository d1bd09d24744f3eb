using System.Collections.Generic;
using Locksmith.Generators.Lua;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>
    /// Lua data flow from ARGV through locals: <c>local lockKey = ARGV[1]</c> (or a key built with it,
    /// <c>KEYS[1] .. ':' .. ARGV[1]</c>) and later <c>redis.call('del', lockKey)</c>.
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

                // NAME = <expression using ARGV or an ARGV local> (with or without 'local'): NAME now carries an ARGV value.
                // Any other assignment gives it a value of other origin.
                if (token.Kind == LuaTokenKind.Name && i + 1 < tokens.Count && tokens[i + 1].Is(LuaTokenKind.Symbol, "="))
                {
                    if (UsesArgv(tokens, i + 2, fromArgv))
                    {
                        fromArgv.Add(token.Text);
                    }
                    else
                    {
                        fromArgv.Remove(token.Text);
                    }

                    result.Add(token);
                    continue;
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

        /// <summary>
        /// Whether the expression starting at <paramref name="start"/> reads ARGV. Without a Lua parser the expression is
        /// taken to end with its line or at the next statement keyword, which is how scripts are written in practice.
        /// </summary>
        private static bool UsesArgv(IReadOnlyList<LuaToken> tokens, int start, HashSet<string> fromArgv)
        {
            if (start >= tokens.Count)
            {
                return false;
            }

            var line = tokens[start].Line;
            for (var j = start; j < tokens.Count && tokens[j].Line == line; j++)
            {
                var token = tokens[j];
                if (token.Kind == LuaTokenKind.Name && StatementKeywords.Contains(token.Text))
                {
                    break;
                }

                if (token.Kind == LuaTokenKind.Name && (token.Text == "ARGV" || fromArgv.Contains(token.Text)))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly HashSet<string> StatementKeywords = new HashSet<string>
        {
            "local", "return", "if", "then", "else", "elseif", "end", "do", "for", "while", "repeat", "until", "redis",
        };
    }
}
