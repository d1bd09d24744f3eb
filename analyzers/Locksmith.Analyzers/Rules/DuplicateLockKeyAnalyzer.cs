using System.Collections.Generic;
using System.Collections.Immutable;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM022: <c>[DistributedLock("account:{from}", "account:{from}")]</c>. The runtime takes each key once, so this is
    /// not a deadlock, but it is almost always a typo for the other key (<c>{to}</c>), which then goes unprotected.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DuplicateLockKeyAnalyzer : LocksmithAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.DuplicateLockKey,
            "Lock on several keys names a key twice",
            "The key template \"{0}\" appears twice in this lock on several keys; it is taken once, so the key it was meant to be is not locked",
            RuleCategories.Usage,
            DiagnosticSeverity.Warning,
            "A lock on several keys de-duplicates its keys; a template written twice usually stands for a different key that is left unprotected.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.DistributedLock != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method);

        private static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
        {
            var attribute = LockAttributes.Find(context.Symbol, known.DistributedLock);
            if (attribute == null || attribute.ConstructorArguments.Length != 2 || attribute.ConstructorArguments[1].Kind != TypedConstantKind.Array)
            {
                return;
            }

            var templates = new List<string?> { attribute.ConstructorArguments[0].Value as string };
            foreach (var more in attribute.ConstructorArguments[1].Values)
            {
                templates.Add(more.Value as string);
            }

            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            for (var i = 0; i < templates.Count; i++)
            {
                if (templates[i] is { } template && !seen.Add(template))
                {
                    var location = LockAttributes.PositionalSyntax(attribute, i)?.GetLocation() ?? context.Symbol.Locations[0];
                    context.ReportDiagnostic(Diagnostic.Create(Descriptor, location, template));
                }
            }
        }
    }
}
