using System.Collections.Immutable;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM019: a [ClusterSingleton] the runtime would refuse or silently not apply: a method that does not return Task
    /// or takes no CancellationToken (refused on the first call), a class with no ExecuteAsync(CancellationToken) (nothing
    /// would run on one node only), or an empty election name.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ClusterSingletonShapeAnalyzer : LocksmithAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.ClusterSingletonShape,
            "Cluster singleton the runtime cannot apply",
            "[ClusterSingleton] on '{0}': {1}",
            RuleCategories.Usage,
            DiagnosticSeverity.Error,
            "A cluster singleton's body must return Task and take a CancellationToken, which is cancelled when the leadership is lost; on a class it applies to ExecuteAsync(CancellationToken) only.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.ClusterSingleton != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method, SymbolKind.NamedType);

        private static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
        {
            var attribute = LockAttributes.Find(context.Symbol, known.ClusterSingleton);
            if (attribute == null)
            {
                return;
            }

            var where = LockAttributes.Syntax(attribute)?.GetLocation() ?? context.Symbol.Locations[0];
            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string election && string.IsNullOrWhiteSpace(election))
            {
                var argument = LockAttributes.PositionalSyntax(attribute, 0)?.GetLocation() ?? where;
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, argument, context.Symbol.Name, "the election name is empty; name the work, such as \"billing-sweeper\""));
            }

            if (context.Symbol is IMethodSymbol method && !ClusterSingletonTargets.IsRunnable(method, known))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptor, method.Locations[0], method.Name,
                    "it must return Task and take a CancellationToken, which is cancelled when the leadership is lost; declare Task RunAsync(CancellationToken cancellationToken)"));
            }
            else if (context.Symbol is INamedTypeSymbol type && ClusterSingletonTargets.ExecuteAsyncOf(type, known) == null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptor, where, type.Name,
                    "on a class it applies to ExecuteAsync(CancellationToken) returning Task, which this class does not declare; derive from BackgroundService and override ExecuteAsync, or mark the method instead"));
            }
        }
    }
}
