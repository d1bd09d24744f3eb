using System;
using System.Collections.Generic;

namespace Locksmith.Generators.Lua
{
    /// <summary>What the generator checks in a script body: block balance, KEYS/ARGV indexes, and keys passed to redis.call.</summary>
    internal static class LuaScriptChecks
    {
        // Commands whose arguments hold no key: a literal first argument is fine for them.
        private static readonly HashSet<string> Keyless = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "TIME", "PING", "ECHO", "INFO", "DBSIZE", "RANDOMKEY", "PUBLISH", "SPUBLISH", "FLUSHALL", "FLUSHDB", "SELECT",
            "LASTSAVE", "ROLE", "WAIT", "WAITAOF", "CLUSTER", "COMMAND", "SWAPDB", "READONLY", "READWRITE", "SLOWLOG", "CONFIG",
            "CLIENT", "SCRIPT", "FUNCTION", "MULTI", "EXEC", "DISCARD", "LATENCY", "MODULE", "ACL", "PUBSUB", "RESET",
        };

        // Commands whose first argument is a subcommand or operation; the key comes after it.
        private static readonly HashSet<string> KeyAfterSubcommand = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "XGROUP", "XINFO", "OBJECT", "MEMORY", "BITOP",
        };

        /// <summary>Block structure: every function/if/do/repeat closed by its end/until, with the opener's position on failure.</summary>
        public static LuaSyntaxError? CheckBlocks(IReadOnlyList<LuaToken> tokens)
        {
            var open = new Stack<LuaToken>();
            var loopHeaderPending = 0;
            foreach (var token in tokens)
            {
                if (token.Kind != LuaTokenKind.Name)
                {
                    continue;
                }

                switch (token.Text)
                {
                    case "function":
                    case "if":
                    case "repeat":
                        open.Push(token);
                        break;
                    case "for":
                    case "while":
                        // Their body opens with 'do', which closes with the same 'end'.
                        loopHeaderPending++;
                        open.Push(token);
                        break;
                    case "do":
                        if (loopHeaderPending > 0)
                        {
                            loopHeaderPending--;
                        }
                        else
                        {
                            open.Push(token);
                        }

                        break;
                    case "end":
                        if (open.Count == 0 || open.Peek().Text == "repeat")
                        {
                            return new LuaSyntaxError("'end' has no matching function, if, for, while or do", token.Line, token.Column);
                        }

                        open.Pop();
                        break;
                    case "until":
                        if (open.Count == 0 || open.Peek().Text != "repeat")
                        {
                            return new LuaSyntaxError("'until' has no matching repeat", token.Line, token.Column);
                        }

                        open.Pop();
                        break;
                }
            }

            if (open.Count > 0)
            {
                var opener = open.Peek();
                var closer = opener.Text == "repeat" ? "until" : "end";
                return new LuaSyntaxError($"'{opener.Text}' is never closed by '{closer}'", opener.Line, opener.Column);
            }

            return null;
        }

        /// <summary>Every literal KEYS[n]/ARGV[n] index, and whether the table is used dynamically (KEYS[i], #ARGV, unpack(KEYS)).</summary>
        public static TableUse FindUses(IReadOnlyList<LuaToken> tokens, string table)
        {
            var use = new TableUse();
            for (var i = 0; i < tokens.Count; i++)
            {
                if (!tokens[i].Is(LuaTokenKind.Name, table) || (i > 0 && tokens[i - 1].Is(LuaTokenKind.Symbol, ".")))
                {
                    continue;
                }

                if (i + 3 < tokens.Count && tokens[i + 1].Is(LuaTokenKind.Symbol, "[") && tokens[i + 2].Kind == LuaTokenKind.Number
                    && tokens[i + 3].Is(LuaTokenKind.Symbol, "]") && int.TryParse(tokens[i + 2].Text, out var index))
                {
                    use.Indexes.Add(new IndexUse(index, tokens[i].Line, tokens[i].Column));
                }
                else
                {
                    use.Dynamic = true;
                }
            }

            return use;
        }

        /// <summary>redis.call/pcall whose key argument is a literal or comes from ARGV: it breaks Redis Cluster routing.</summary>
        public static IEnumerable<KeyMisuse> FindKeysNotFromKeys(IReadOnlyList<LuaToken> tokens)
        {
            for (var i = 0; i + 5 < tokens.Count; i++)
            {
                if (!tokens[i].Is(LuaTokenKind.Name, "redis") || !tokens[i + 1].Is(LuaTokenKind.Symbol, ".")
                    || !(tokens[i + 2].Is(LuaTokenKind.Name, "call") || tokens[i + 2].Is(LuaTokenKind.Name, "pcall"))
                    || !tokens[i + 3].Is(LuaTokenKind.Symbol, "(") || tokens[i + 4].Kind != LuaTokenKind.String)
                {
                    continue;
                }

                var command = tokens[i + 4].Text;
                if (Keyless.Contains(command))
                {
                    continue;
                }

                var argument = i + 6;
                if (KeyAfterSubcommand.Contains(command))
                {
                    argument += 2;
                }

                if (argument >= tokens.Count || !tokens[argument - 1].Is(LuaTokenKind.Symbol, ","))
                {
                    continue;
                }

                var key = tokens[argument];
                if (key.Kind == LuaTokenKind.String)
                {
                    yield return new KeyMisuse(command, $"the literal '{key.Text}'", key.Line, key.Column);
                }
                else if (key.Is(LuaTokenKind.Name, "ARGV"))
                {
                    yield return new KeyMisuse(command, "ARGV", key.Line, key.Column);
                }
            }
        }
    }

    internal sealed class TableUse
    {
        public List<IndexUse> Indexes { get; } = new List<IndexUse>();

        public bool Dynamic { get; set; }
    }

    internal readonly struct IndexUse
    {
        public IndexUse(int index, int line, int column)
        {
            Index = index;
            Line = line;
            Column = column;
        }

        public int Index { get; }

        public int Line { get; }

        public int Column { get; }
    }

    internal readonly struct KeyMisuse
    {
        public KeyMisuse(string command, string source, int line, int column)
        {
            Command = command;
            Source = source;
            Line = line;
            Column = column;
        }

        public string Command { get; }

        public string Source { get; }

        public int Line { get; }

        public int Column { get; }
    }
}
