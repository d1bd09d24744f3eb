using System;
using System.Collections.Generic;
using Locksmith.Generators.Lua;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>What the rules need to know about a literal Lua script: its redis.call commands and their string arguments.</summary>
    internal static class LuaText
    {
        /// <summary>Each redis.call/pcall whose command is a string literal, with the string literals among its arguments.</summary>
        public static IEnumerable<LuaCall> Calls(IReadOnlyList<LuaToken> tokens)
        {
            for (var i = 0; i + 4 < tokens.Count; i++)
            {
                if (!tokens[i].Is(LuaTokenKind.Name, "redis") || !tokens[i + 1].Is(LuaTokenKind.Symbol, ".")
                    || !(tokens[i + 2].Is(LuaTokenKind.Name, "call") || tokens[i + 2].Is(LuaTokenKind.Name, "pcall"))
                    || !tokens[i + 3].Is(LuaTokenKind.Symbol, "(") || tokens[i + 4].Kind != LuaTokenKind.String)
                {
                    continue;
                }

                var strings = new List<string>();
                var depth = 1;
                for (var j = i + 5; j < tokens.Count && depth > 0; j++)
                {
                    if (tokens[j].Is(LuaTokenKind.Symbol, "("))
                    {
                        depth++;
                    }
                    else if (tokens[j].Is(LuaTokenKind.Symbol, ")"))
                    {
                        depth--;
                    }
                    else if (depth == 1 && tokens[j].Kind == LuaTokenKind.String)
                    {
                        strings.Add(tokens[j].Text);
                    }
                }

                yield return new LuaCall(tokens[i + 4].Text, strings, tokens[i]);
            }
        }

        /// <summary>Whether the arguments of a SET carry an expiry option.</summary>
        public static bool HasExpiryOption(IEnumerable<string> arguments)
        {
            foreach (var argument in arguments)
            {
                if (IsOneOf(argument, "EX", "PX", "EXAT", "PXAT", "KEEPTTL"))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool IsOneOf(string value, params string[] candidates)
        {
            foreach (var candidate in candidates)
            {
                if (string.Equals(value, candidate, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>One redis.call in a script.</summary>
    internal sealed class LuaCall
    {
        public LuaCall(string command, IReadOnlyList<string> stringArguments, LuaToken start)
        {
            Command = command;
            StringArguments = stringArguments;
            Start = start;
        }

        public string Command { get; }

        public IReadOnlyList<string> StringArguments { get; }

        public LuaToken Start { get; }
    }
}
