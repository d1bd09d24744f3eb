using System.Collections.Immutable;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>LSM008: [Semaphore(0)] or negative permits would let nobody in; the runtime refuses it on the first call.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SemaphorePermitsAnalyzer : LocksmithAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.SemaphorePermits,
            "Semaphore permits must be at least 1",
            "[Semaphore({0})] would let nobody run the method; permits must be at least 1",
            RuleCategories.Usage,
            DiagnosticSeverity.Error,
            "A semaphore's permits are how many calls may run at once; zero or fewer blocks every call.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.Semaphore != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method);

        private static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
        {
            var attribute = LockAttributes.Find(context.Symbol, known.Semaphore);
            if (attribute != null && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int permits && permits < 1)
            {
                var location = LockAttributes.PositionalSyntax(attribute, 0)?.GetLocation() ?? context.Symbol.Locations[0];
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, location, permits));
            }
        }
    }
}
