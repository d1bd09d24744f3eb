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
            var argument = RedisCommands.ScriptArgument(invocation, known);
            var script = argument?.ConstantString();
            if (script == null)
            {
                return;
            }

            var tokens = LuaLexer.Tokenize(script, out _);
            foreach (var misuse in LuaScriptChecks.FindKeysNotFromKeys(tokens))
            {
                var offset = StringLiteralLocation.Offset(script, misuse.Line, misuse.Column);
                var length = KeyTokenLength(script, offset);
                var location = StringLiteralLocation.Of(argument!.WithoutConversions().Syntax, offset, length);
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, location, misuse.Command, misuse.Source));
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
