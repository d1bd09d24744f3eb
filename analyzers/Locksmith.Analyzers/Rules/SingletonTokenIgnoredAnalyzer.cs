using System.Collections.Immutable;
using System.Linq;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM020: a [ClusterSingleton] body that never reads its CancellationToken. The token is the only signal that the
    /// leadership was lost; a body that ignores it runs on beside the next leader, which is the two-leaders failure the
    /// attribute exists to prevent.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SingletonTokenIgnoredAnalyzer : LocksmithAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.SingletonTokenIgnored,
            "Cluster singleton body ignores its cancellation token",
            "'{0}' never reads '{1}', so losing the leadership cannot stop it while another node leads; pass it to the work or check it in the loop",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "The body's CancellationToken fires when this node stops leading (a renewal failed, a pause outlived the lease, the node was cut off). Work that does not observe it keeps running beside the new leader.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.ClusterSingleton != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method);

        private static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
        {
            var method = (IMethodSymbol)context.Symbol;
            var marked = LockAttributes.Find(method, known.ClusterSingleton) != null
                || (method.Name == ClusterSingletonTargets.ExecuteAsync && LockAttributes.Find(method.ContainingType, known.ClusterSingleton) != null);
            if (!marked || !ClusterSingletonTargets.IsRunnable(method, known))
            {
                return;
            }

            var token = ClusterSingletonTargets.TokenOf(method, known)!;
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(context.CancellationToken) as MethodDeclarationSyntax;
                SyntaxNode? body = (SyntaxNode?)declaration?.Body ?? declaration?.ExpressionBody;
                if (body == null)
                {
                    return;
                }

                foreach (var name in body.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (name.Identifier.ValueText == token.Name)
                    {
                        // Matched by name, not symbol: binding every identifier of a long loop costs more than the rare
                        // lambda parameter that shadows the token and hides a miss.
                        return;
                    }
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptor, token.Locations[0], method.Name, token.Name));
        }
    }
}
