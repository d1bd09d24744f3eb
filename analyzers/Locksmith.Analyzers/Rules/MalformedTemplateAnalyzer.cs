using System.Collections.Immutable;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>LSM007: a key template that does not parse: empty, an unmatched brace, or a placeholder that is not a name path.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MalformedTemplateAnalyzer : LocksmithAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.MalformedTemplate,
            "Key template is malformed",
            "[{0}] key template \"{1}\": {2}",
            RuleCategories.Usage,
            DiagnosticSeverity.Error,
            "Key templates are literal text with {parameter} or {parameter.Member} placeholders; write {{ and }} for literal braces.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.DistributedLock != null || known.Semaphore != null || known.QueuedBy != null || known.RateLimit != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method);

        private static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
        {
            foreach (var site in TemplateSites.Of((IMethodSymbol)context.Symbol, known))
            {
                if (site.Parsed.Error is { } error)
                {
                    var location = error.Length == 0 ? site.Syntax.GetLocation() : site.LocationOf(error.Position, error.Length);
                    context.ReportDiagnostic(Diagnostic.Create(Descriptor, location, site.Attribute, site.Template, error.Message));
                }
            }
        }
    }
}
