using System.Collections.Immutable;
using Locksmith.Analyzers.Infrastructure;
using Locksmith.Generators.Lua;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM014: a literal script whose redis.call names a key itself (a string literal, or ARGV) instead of KEYS. Redis
    /// Cluster routes a script by the keys passed in KEYS, so a key named inside the script may live on another node
    /// (CROSSSLOT) and ACLs/proxies cannot see it. The same check the Lua generator applies to .lua files (LSG007).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ScriptKeyNotFromKeysAnalyzer : LocksmithAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.ScriptKeyNotFromKeys,
            "Lua script names a key outside KEYS",
            "The script calls {0} with {1} as its key; on Redis Cluster every key a script touches must be passed in KEYS so it routes to the right node. Pass the key in KEYS and use KEYS[n].",
            RuleCategories.Scripts,
            DiagnosticSeverity.Warning,
            "Scripts must receive every key they touch through KEYS (Redis Cluster routing, ACLs).");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.HasRedis;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterOperationAction(c => Analyze(c, known), OperationKind.Invocation);

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            var invocation = (IInvocationOperation)context.Operation;
            foreach (var (command, member, name) in PreparedScriptParameters.NotKeys(invocation, known))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, member.Syntax.GetLocation(), command, $"@{name}, a {member.Type?.Name ?? "non-RedisKey"} member sent in ARGV (make it a RedisKey)"));
            }

            var argument = RedisCommands.ScriptArgument(invocation, known);
            var script = ScriptText.Of(argument);
            if (script == null)
            {
                return;
            }

            // The text may sit in a local, a field or a helper: the diagnostic goes on the literal itself when it is one.
            var literal = ScriptText.Literal(argument) ?? argument!.WithoutConversions();
            var tokens = LuaArgvLocals.Expand(LuaLexer.Tokenize(script, out _), out var throughLocals);
            foreach (var misuse in LuaScriptChecks.FindKeysNotFromKeys(tokens))
            {
                var offset = StringLiteralLocation.Offset(script, misuse.Line, misuse.Column);
                var length = KeyTokenLength(script, offset);
                var location = StringLiteralLocation.Of(literal.Syntax, offset, length);
                var source = throughLocals.Contains((misuse.Line, misuse.Column)) ? "a local copied from ARGV" : misuse.Source;
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, location, misuse.Command, source));
            }
        }

        /// <summary>The length of the Lua token at <paramref name="offset"/>: a quoted string, or a name.</summary>
        private static int KeyTokenLength(string script, int offset)
        {
            if (offset < 0 || offset >= script.Length)
            {
                return 0;
            }

            var quote = script[offset];
            if (quote == '\'' || quote == '"')
            {
                var close = script.IndexOf(quote, offset + 1);
                return close < 0 ? 0 : close - offset + 1;
            }

            var end = offset;
            while (end < script.Length && (char.IsLetterOrDigit(script[end]) || script[end] == '_'))
            {
                end++;
            }

            return end - offset;
        }
    }
}
