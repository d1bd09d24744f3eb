using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Locksmith.Generators.Lua.Model;
using Locksmith.Generators.Model;

namespace Locksmith.Generators.Lua
{
    /// <summary>Turns one .lua file into a <see cref="LuaScriptSpec"/>: header, checks, hash.</summary>
    internal static class LuaScriptParser
    {
        private static readonly Dictionary<string, string> ArgumentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["string"] = "string",
            ["long"] = "long",
            ["int"] = "int",
            ["double"] = "double",
            ["bool"] = "bool",
            ["value"] = "global::StackExchange.Redis.RedisValue",
        };

        private static readonly char[] NameSeparators = { '_', '-', '.', ' ' };

        private static readonly HashSet<string> CSharpKeywords = new HashSet<string>(StringComparer.Ordinal)
        {
            "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
            "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
            "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
            "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
            "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
            "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
            "using", "virtual", "void", "volatile", "while",
        };

        public static LuaScriptSpec Parse(string path, string text, string @namespace)
        {
            var fileName = System.IO.Path.GetFileName(path);
            var diagnostics = new List<DiagnosticSpec>();
            var header = ReadHeader(text, fileName, path, diagnostics);
            var className = (header.Name ?? Pascal(System.IO.Path.GetFileNameWithoutExtension(path))) + "Script";
            var keys = header.Keys ?? new List<string>();
            var arguments = header.Arguments ?? new List<LuaArgumentSpec>();

            var tokens = LuaLexer.Tokenize(text, out var syntax);
            syntax = syntax ?? LuaScriptChecks.CheckBlocks(tokens);
            if (syntax != null)
            {
                diagnostics.Add(DiagnosticSpec.Create(DiagnosticDescriptors.SyntaxError, path, syntax.Line, syntax.Column, fileName, $"{syntax.Message} (line {syntax.Line}, column {syntax.Column})"));
            }
            else if (header.Keys != null && header.Arguments != null && !header.Malformed)
            {
                CheckTable(tokens, "KEYS", keys, fileName, path, DiagnosticDescriptors.KeyIndexNotDeclared, DiagnosticDescriptors.KeyNotUsed, diagnostics);
                CheckTable(tokens, "ARGV", arguments.Select(a => a.LuaName).ToList(), fileName, path, DiagnosticDescriptors.ArgIndexNotDeclared, DiagnosticDescriptors.ArgNotUsed, diagnostics);
                foreach (var misuse in LuaScriptChecks.FindKeysNotFromKeys(tokens))
                {
                    diagnostics.Add(DiagnosticSpec.Create(DiagnosticDescriptors.KeyNotFromKeys, path, misuse.Line, misuse.Column, fileName, misuse.Command.ToUpperInvariant(), misuse.Source));
                }
            }

            return new LuaScriptSpec(
                path,
                @namespace,
                className,
                text,
                Sha1Hex(text),
                new EquatableArray<string>(keys),
                new EquatableArray<LuaArgumentSpec>(arguments),
                header.Result ?? Result("value")!,
                new EquatableArray<DiagnosticSpec>(diagnostics));
        }

        /// <summary>The SHA1 Redis computes for EVALSHA: of the script's UTF-8 bytes, as lowercase hex.</summary>
        public static string Sha1Hex(string text)
        {
            // SHA1 is what Redis names scripts by (EVALSHA); it identifies, it does not protect.
#pragma warning disable CA5350
            using (var sha1 = SHA1.Create())
#pragma warning restore CA5350
            {
                var hash = sha1.ComputeHash(Encoding.UTF8.GetBytes(text));
                return string.Concat(hash.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            }
        }

        private static void CheckTable(
            List<LuaToken> tokens, string table, List<string> declared, string fileName, string path,
            Microsoft.CodeAnalysis.DiagnosticDescriptor beyond, Microsoft.CodeAnalysis.DiagnosticDescriptor unused, List<DiagnosticSpec> diagnostics)
        {
            var use = LuaScriptChecks.FindUses(tokens, table);
            foreach (var index in use.Indexes.Where(i => i.Index < 1 || i.Index > declared.Count))
            {
                diagnostics.Add(DiagnosticSpec.Create(beyond, path, index.Line, index.Column, fileName, index.Index.ToString(CultureInfo.InvariantCulture), declared.Count.ToString(CultureInfo.InvariantCulture)));
            }

            if (use.Dynamic)
            {
                return;
            }

            for (var i = 0; i < declared.Count; i++)
            {
                if (!use.Indexes.Any(u => u.Index == i + 1))
                {
                    diagnostics.Add(DiagnosticSpec.Create(unused, path, 1, 1, fileName, declared[i], (i + 1).ToString(CultureInfo.InvariantCulture)));
                }
            }
        }

        private static Header ReadHeader(string text, string fileName, string path, List<DiagnosticSpec> diagnostics)
        {
            var header = new Header();
            var lines = text.Split('\n');
            var any = false;
            for (var lineIndex = 0; lineIndex < lines.Length; lineIndex++)
            {
                var line = lines[lineIndex].TrimEnd('\r').Trim();
                if (!line.StartsWith("---", StringComparison.Ordinal))
                {
                    if (line.Length == 0 && !any)
                    {
                        continue;
                    }

                    break;
                }

                any = true;
                foreach (var clause in line.Substring(3).Split(';').Select(c => c.Trim()).Where(c => c.Length > 0))
                {
                    var error = ReadClause(header, clause);
                    if (error != null)
                    {
                        header.Malformed = true;
                        diagnostics.Add(DiagnosticSpec.Create(DiagnosticDescriptors.MalformedHeader, path, lineIndex + 1, 1, fileName, error));
                    }
                }
            }

            if (!any)
            {
                diagnostics.Add(DiagnosticSpec.Create(DiagnosticDescriptors.MissingHeader, path, 1, 1, fileName));
                return header;
            }

            if (header.Malformed)
            {
                // One clear error per mistake: a clause that failed to parse is not reported again as missing.
                return header;
            }

            if (header.Keys == null)
            {
                diagnostics.Add(DiagnosticSpec.Create(DiagnosticDescriptors.MalformedHeader, path, 1, 1, fileName, "there is no 'keys:' clause; write 'keys: none' for a script without keys"));
            }
            else if (header.Arguments != null && ParameterClash(header.Keys, header.Arguments) is string clash)
            {
                // Keys and arguments become parameters of one C# method, beside the wrapper's own.
                diagnostics.Add(DiagnosticSpec.Create(DiagnosticDescriptors.MalformedHeader, path, 1, 1, fileName, clash));
            }

            if (header.Arguments == null)
            {
                diagnostics.Add(DiagnosticSpec.Create(DiagnosticDescriptors.MalformedHeader, path, 1, 1, fileName, "there is no 'args:' clause; write 'args: none' for a script without arguments"));
            }

            return header;
        }

        private static string? ReadClause(Header header, string clause)
        {
            var colon = clause.IndexOf(':');
            if (colon < 0)
            {
                return $"'{clause}' is not a clause; clauses are 'keys: a, b', 'args: x, y:long', 'returns: integer', 'name: MyScript', separated by ';'";
            }

            var label = clause.Substring(0, colon).Trim().ToLowerInvariant();
            var value = clause.Substring(colon + 1).Trim();
            var items = value.Length == 0 || value.Equals("none", StringComparison.OrdinalIgnoreCase)
                ? new List<string>()
                : value.Split(',').Select(i => i.Trim()).ToList();
            switch (label)
            {
                case "keys":
                    if (items.FirstOrDefault(i => !IsLuaName(i)) is string badKey)
                    {
                        return $"key name '{badKey}' is not a name (letters, digits and underscores)";
                    }

                    header.Keys = items;
                    return Duplicate(items, "key");
                case "args":
                    var arguments = new List<LuaArgumentSpec>();
                    foreach (var item in items)
                    {
                        var parts = item.Split(':');
                        var name = parts[0].Trim();
                        var type = parts.Length > 1 ? parts[1].Trim().ToLowerInvariant() : "value";
                        if (!IsLuaName(name))
                        {
                            return $"argument name '{name}' is not a name (letters, digits and underscores)";
                        }

                        if (parts.Length > 2 || !ArgumentTypes.TryGetValue(type, out var clrType))
                        {
                            return $"argument '{item}' has an unknown type; use one of {string.Join(", ", ArgumentTypes.Keys)}";
                        }

                        arguments.Add(new LuaArgumentSpec(name, Parameter(name), clrType));
                    }

                    header.Arguments = arguments;
                    return Duplicate(items.Select(i => i.Split(':')[0].Trim()).ToList(), "argument");
                case "returns":
                    var result = Result(value.ToLowerInvariant());
                    if (result == null)
                    {
                        return $"'returns: {value}' is not a result type; use none, integer, integer?, string, string?, boolean, array, array? or value";
                    }

                    header.Result = result;
                    return null;
                case "name":
                    if (!IsLuaName(value) || !char.IsLetter(value[0]))
                    {
                        return $"'name: {value}' is not a C# class name";
                    }

                    header.Name = Pascal(value);
                    return null;
                default:
                    return $"unknown clause '{label}'; use keys, args, returns or name";
            }
        }

        private static string? ParameterClash(List<string> keys, List<LuaArgumentSpec> arguments)
        {
            var reserved = new[] { "database", "flags", "cancellationToken", "result" };
            var keyParameters = keys.Select(k => (Lua: k, Parameter: KeyParameter(k))).ToList();
            foreach (var key in keyParameters)
            {
                if (arguments.FirstOrDefault(a => a.ParameterName == key.Parameter) is LuaArgumentSpec argument)
                {
                    return $"key '{key.Lua}' and argument '{argument.LuaName}' both become the parameter '{key.Parameter}'; rename one";
                }
            }

            var clash = keyParameters.Select(k => (k.Lua, k.Parameter)).Concat(arguments.Select(a => (Lua: a.LuaName, Parameter: a.ParameterName)))
                .FirstOrDefault(p => reserved.Contains(p.Parameter));
            return clash.Lua == null ? null : $"'{clash.Lua}' becomes the parameter '{clash.Parameter}', which the wrapper already has; rename it";
        }

        private static string? Duplicate(List<string> names, string what) =>
            names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is IGrouping<string, string> g ? $"{what} '{g.Key}' is declared twice" : null;

        private static LuaResultSpec? Result(string type)
        {
            switch (type)
            {
                case "none": return new LuaResultSpec(null, string.Empty);
                case "integer": return new LuaResultSpec("long", "(long)result");
                case "integer?": return new LuaResultSpec("long?", "result.IsNull ? (long?)null : (long)result");
                case "string": return new LuaResultSpec("string", "(string?)result ?? throw new global::System.InvalidOperationException(\"The script returned nil where its header declares 'returns: string'.\")");
                case "string?": return new LuaResultSpec("string?", "(string?)result");
                case "boolean": return new LuaResultSpec("bool", "!result.IsNull && (bool)result");
                case "array": return new LuaResultSpec("global::StackExchange.Redis.RedisResult[]", "(global::StackExchange.Redis.RedisResult[]?)result ?? throw new global::System.InvalidOperationException(\"The script returned nil where its header declares 'returns: array'.\")");
                case "array?": return new LuaResultSpec("global::StackExchange.Redis.RedisResult[]?", "(global::StackExchange.Redis.RedisResult[]?)result");
                case "value": return new LuaResultSpec("global::StackExchange.Redis.RedisResult", "result");
                default: return null;
            }
        }

        private static bool IsLuaName(string name) =>
            name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

        /// <summary>snake_case or kebab-case to PascalCase: acquire_lock -> AcquireLock.</summary>
        internal static string Pascal(string name)
        {
            var parts = name.Split(NameSeparators, StringSplitOptions.RemoveEmptyEntries);
            var result = string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
            return result.Length == 0 || !char.IsLetter(result[0]) ? "Script" + result : result;
        }

        private static string Parameter(string luaName)
        {
            var pascal = Pascal(luaName);
            var camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
            return CSharpKeywords.Contains(camel) ? "@" + camel : camel;
        }

        /// <summary>The C# parameter name for a key: the same rule as for arguments.</summary>
        internal static string KeyParameter(string luaName) => Parameter(luaName);

        private sealed class Header
        {
            public List<string>? Keys { get; set; }

            public List<LuaArgumentSpec>? Arguments { get; set; }

            public LuaResultSpec? Result { get; set; }

            public string? Name { get; set; }

            public bool Malformed { get; set; }
        }
    }
}
