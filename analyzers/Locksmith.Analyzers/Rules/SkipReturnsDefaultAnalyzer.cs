using System.Collections.Immutable;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM021: <c>OnBusy = Busy.Skip</c> on a method that returns a value. When the key is busy the body does not run and
    /// the caller receives <c>default</c> (0, null, false), indistinguishable from a real result.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SkipReturnsDefaultAnalyzer : LocksmithAnalyzer
    {
        /// <summary>The value of <c>Locksmith.Busy.Skip</c>.</summary>
        private const int Skip = 1;

        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.SkipReturnsDefault,
            "Skipped call returns a default value",
            "'{0}' returns {1}, but with OnBusy = Busy.Skip a busy key makes it return default({1}) without running; return Task (or void), or report whether it ran in the result",
            RuleCategories.Usage,
            DiagnosticSeverity.Warning,
            "A skipped call does not run the body, so a value-returning method hands its caller the type's default, which looks like a real result.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.DistributedLock != null || known.Semaphore != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method);

        private static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
        {
            var method = (IMethodSymbol)context.Symbol;
            var attribute = LockAttributes.Find(method, known.DistributedLock) ?? LockAttributes.Find(method, known.Semaphore);
            if (attribute == null || !(LockAttributes.Named(attribute, "OnBusy").Value is int onBusy && onBusy == Skip))
            {
                return;
            }

            var result = ResultType(method.ReturnType, known);
            if (result == null)
            {
                return;
            }

            var location = LockAttributes.Syntax(attribute)?.GetLocation() ?? method.Locations[0];
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, location, method.Name, result.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }

        /// <summary>What the caller gets back: T of Task&lt;T&gt;/ValueTask&lt;T&gt;, the type itself, or null for void, Task and ValueTask.</summary>
        private static ITypeSymbol? ResultType(ITypeSymbol returnType, KnownSymbols known)
        {
            if (returnType.SpecialType == SpecialType.System_Void
                || SymbolEqualityComparer.Default.Equals(returnType, known.Task)
                || SymbolEqualityComparer.Default.Equals(returnType, known.ValueTask))
            {
                return null;
            }

            if (returnType is INamedTypeSymbol { IsGenericType: true } generic
                && (SymbolEqualityComparer.Default.Equals(generic.OriginalDefinition, known.TaskOfT)
                    || SymbolEqualityComparer.Default.Equals(generic.OriginalDefinition, known.ValueTaskOfT)))
            {
                return generic.TypeArguments[0];
            }

            return returnType;
        }
    }
}
