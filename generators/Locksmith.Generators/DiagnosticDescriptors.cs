using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Locksmith.Generators
{
    /// <summary>
    /// Every diagnostic the generators report, in one list: Lua scripts LSG001-LSG010, the [QueuedBy] registry LSG011 on.
    /// Each id has its page at <c>docs/rules/{id}.md</c>, beside the analyzers' LSM pages.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        public const string LuaCategory = "Locksmith.LuaScripts";
        public const string QueuedCategory = "Locksmith.QueuedBy";

        // The analyzers' RuleIdentifiers.HelpLink builds the same address; a convention test keeps the two equal.
        private const string HelpBase = "https://example.invalid/locksmith/docs/rules/";

        public static readonly DiagnosticDescriptor MissingHeader = Create(
            "LSG001", LuaCategory, DiagnosticSeverity.Error, "Lua script has no interface header",
            "'{0}' has no header; start it with a line like '--- keys: lock; args: token, ttl_ms:long; returns: integer' so the generator knows its KEYS and ARGV");

        public static readonly DiagnosticDescriptor MalformedHeader = Create(
            "LSG002", LuaCategory, DiagnosticSeverity.Error, "Lua script header is malformed",
            "Header of '{0}': {1}");

        public static readonly DiagnosticDescriptor KeyIndexNotDeclared = Create(
            "LSG003", LuaCategory, DiagnosticSeverity.Error, "KEYS index beyond the header",
            "'{0}' uses KEYS[{1}] but its header declares {2} key(s); declare it in 'keys:' or fix the index");

        public static readonly DiagnosticDescriptor ArgIndexNotDeclared = Create(
            "LSG004", LuaCategory, DiagnosticSeverity.Error, "ARGV index beyond the header",
            "'{0}' uses ARGV[{1}] but its header declares {2} argument(s); declare it in 'args:' or fix the index");

        public static readonly DiagnosticDescriptor KeyNotUsed = Create(
            "LSG005", LuaCategory, DiagnosticSeverity.Warning, "Declared key is never used",
            "'{0}' declares key '{1}' (KEYS[{2}]) but never reads it; remove it from the header or use it");

        public static readonly DiagnosticDescriptor ArgNotUsed = Create(
            "LSG006", LuaCategory, DiagnosticSeverity.Warning, "Declared argument is never used",
            "'{0}' declares argument '{1}' (ARGV[{2}]) but never reads it; remove it from the header or use it");

        public static readonly DiagnosticDescriptor KeyNotFromKeys = Create(
            "LSG007", LuaCategory, DiagnosticSeverity.Error, "Key passed to redis.call does not come from KEYS",
            "'{0}' calls {1} with {2} as its key; on Redis Cluster every key a script touches must be passed in KEYS so it routes to the right node. Declare the key in 'keys:' and use KEYS[n].");

        public static readonly DiagnosticDescriptor DuplicateName = Create(
            "LSG008", LuaCategory, DiagnosticSeverity.Error, "Two scripts generate the same class",
            "'{0}' and '{1}' both generate '{2}'; rename one file or give it a 'name:' in its header");

        public static readonly DiagnosticDescriptor SyntaxError = Create(
            "LSG009", LuaCategory, DiagnosticSeverity.Error, "Lua script does not parse",
            "'{0}': {1}");

        public static readonly DiagnosticDescriptor RedisNotReferenced = Create(
            "LSG010", LuaCategory, DiagnosticSeverity.Error, "StackExchange.Redis is not referenced",
            "Lua script wrappers call StackExchange.Redis, which this project does not reference; add a PackageReference to StackExchange.Redis");

        public static readonly DiagnosticDescriptor QueuedMethodNotAccessible = Create(
            "LSG011", QueuedCategory, DiagnosticSeverity.Error, "Queued method is not accessible to the generated registry",
            "[QueuedBy] method '{0}' {1}, so the registry generated into this assembly cannot call it and no consumer could run its items; make the method and its containing types public or internal");

        public static readonly DiagnosticDescriptor QueuedMethodGeneric = Create(
            "LSG012", QueuedCategory, DiagnosticSeverity.Error, "Queued method has open type parameters",
            "[QueuedBy] method '{0}' {1}; a queued item names one concrete method, so the consumer could not choose the type arguments. Queue a non-generic method in a non-generic type that calls the generic code with concrete types.");

        public static readonly DiagnosticDescriptor QueuedSignatureCannotTravel = Create(
            "LSG013", QueuedCategory, DiagnosticSeverity.Error, "Queued method has a parameter or result that cannot travel through the queue",
            "[QueuedBy] method '{0}': {1}, which cannot be written to the queue and handed to the consumer's call, or returned from it; use a plain parameter or result type (a value, record or array), and return a Task for async work");

        public static readonly DiagnosticDescriptor QueuedMethodWithoutBody = Create(
            "LSG014", QueuedCategory, DiagnosticSeverity.Error, "Queued method has no body",
            "[QueuedBy] method '{0}' {1}; the attribute turns a method's body into an enqueue and the consumer runs that body, so a method without one is never queued. Put [QueuedBy] on the method that has the body (the implementation or override).");

        public static readonly DiagnosticDescriptor QueuedMethodNotCallable = Create(
            "LSG015", QueuedCategory, DiagnosticSeverity.Error, "Queued method cannot be called by name",
            "[QueuedBy] method '{0}' {1}, which the generated registry cannot call by name on a service; put [QueuedBy] on an ordinary method of a class, struct or interface");

        public static readonly DiagnosticDescriptor QueuedMethodIdTaken = Create(
            "LSG016", QueuedCategory, DiagnosticSeverity.Error, "Two queued methods travel under the same name",
            "[QueuedBy] methods '{0}' and '{1}' both travel as '{2}' (cancellation tokens are not part of a queued item), so a consumer could not tell their items apart; rename one, or give it other parameters");

        public static readonly DiagnosticDescriptor QueuedRegistryNotReferenced = Create(
            "LSG017", QueuedCategory, DiagnosticSeverity.Error, "The queued-method registry is not referenced",
            "This project has [QueuedBy] methods, but the Locksmith it references has no Locksmith.Queues.QueuedMethodRegistry to register them with, so no consumer could run them; reference the Locksmith package of the same version as the generator");

        /// <summary>Every descriptor, in id order; <see cref="ById"/> and the convention tests read this list.</summary>
        public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
            MissingHeader, MalformedHeader, KeyIndexNotDeclared, ArgIndexNotDeclared, KeyNotUsed, ArgNotUsed, KeyNotFromKeys,
            DuplicateName, SyntaxError, RedisNotReferenced,
            QueuedMethodNotAccessible, QueuedMethodGeneric, QueuedSignatureCannotTravel, QueuedMethodWithoutBody, QueuedMethodNotCallable,
            QueuedMethodIdTaken, QueuedRegistryNotReferenced);

        public static DiagnosticDescriptor ById(string id) => All.First(d => d.Id == id);

        /// <summary>The documentation page of diagnostic <paramref name="id"/>.</summary>
        public static string HelpLink(string id) => HelpBase + id + ".md";

        private static DiagnosticDescriptor Create(string id, string category, DiagnosticSeverity severity, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpLink(id));
    }
}
