using System.Linq;
using Microsoft.CodeAnalysis;

namespace Locksmith.Generators
{
    /// <summary>The generator's diagnostics. Ids LSG0xx; each page is docs/lua-scripts.md#lsg0xx.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "Locksmith.LuaScripts";
        private const string HelpBase = "https://example.invalid/locksmith/docs/lua-scripts.md#";

        public static readonly DiagnosticDescriptor MissingHeader = Error(
            "LSG001", "Lua script has no interface header",
            "'{0}' has no header; start it with a line like '--- keys: lock; args: token, ttl_ms:long; returns: integer' so the generator knows its KEYS and ARGV");

        public static readonly DiagnosticDescriptor MalformedHeader = Error(
            "LSG002", "Lua script header is malformed",
            "Header of '{0}': {1}");

        public static readonly DiagnosticDescriptor KeyIndexNotDeclared = Error(
            "LSG003", "KEYS index beyond the header",
            "'{0}' uses KEYS[{1}] but its header declares {2} key(s); declare it in 'keys:' or fix the index");

        public static readonly DiagnosticDescriptor ArgIndexNotDeclared = Error(
            "LSG004", "ARGV index beyond the header",
            "'{0}' uses ARGV[{1}] but its header declares {2} argument(s); declare it in 'args:' or fix the index");

        public static readonly DiagnosticDescriptor KeyNotUsed = Warning(
            "LSG005", "Declared key is never used",
            "'{0}' declares key '{1}' (KEYS[{2}]) but never reads it; remove it from the header or use it");

        public static readonly DiagnosticDescriptor ArgNotUsed = Warning(
            "LSG006", "Declared argument is never used",
            "'{0}' declares argument '{1}' (ARGV[{2}]) but never reads it; remove it from the header or use it");

        public static readonly DiagnosticDescriptor KeyNotFromKeys = Error(
            "LSG007", "Key passed to redis.call does not come from KEYS",
            "'{0}' calls {1} with {2} as its key; on Redis Cluster every key a script touches must be passed in KEYS so it routes to the right node. Declare the key in 'keys:' and use KEYS[n].");

        public static readonly DiagnosticDescriptor DuplicateName = Error(
            "LSG008", "Two scripts generate the same class",
            "'{0}' and '{1}' both generate '{2}'; rename one file or give it a 'name:' in its header");

        public static readonly DiagnosticDescriptor SyntaxError = Error(
            "LSG009", "Lua script does not parse",
            "'{0}': {1}");

        public static readonly DiagnosticDescriptor RedisNotReferenced = Error(
            "LSG010", "StackExchange.Redis is not referenced",
            "Lua script wrappers call StackExchange.Redis, which this project does not reference; add a PackageReference to StackExchange.Redis");

        private static readonly DiagnosticDescriptor[] All =
        {
            MissingHeader, MalformedHeader, KeyIndexNotDeclared, ArgIndexNotDeclared, KeyNotUsed, ArgNotUsed, KeyNotFromKeys,
            DuplicateName, SyntaxError, RedisNotReferenced,
        };

        public static DiagnosticDescriptor ById(string id) => All.First(d => d.Id == id);

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

        private static DiagnosticDescriptor Warning(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
    }
}
