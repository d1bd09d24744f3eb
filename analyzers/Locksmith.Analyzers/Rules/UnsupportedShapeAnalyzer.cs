using System.Collections.Immutable;
using System.Linq;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM009: [DistributedLock]/[Semaphore] on a method whose work continues after it returns: async void (the lease
    /// ends at the first await), an iterator or an IAsyncEnumerable method (the body runs while the caller enumerates).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnsupportedShapeAnalyzer : LocksmithAnalyzer
    {
        /// <summary>Diagnostic property: "AsyncVoid" when the fix can make the method return Task.</summary>
        public const string ShapeProperty = "Shape";

        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.UnsupportedShape,
            "Lock attribute on a method whose work outlives the call",
            "[{0}] cannot protect {1}: {2}",
            RuleCategories.Usage,
            DiagnosticSeverity.Error,
            "The lease is held for the duration of the call; async void methods and iterators keep working after the call returns.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.DistributedLock != null || known.Semaphore != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method);

        private static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
        {
            var method = (IMethodSymbol)context.Symbol;
            foreach (var type in new[] { known.DistributedLock, known.Semaphore })
            {
                var attribute = LockAttributes.Find(method, type);
                if (attribute == null)
                {
                    continue;
                }

                string? problem = null;
                var shape = "Other";
                if (method.IsAsync && method.ReturnsVoid)
                {
                    problem = "it is async void, so the lease would be released at its first await while the rest still runs. Return Task instead.";
                    shape = "AsyncVoid";
                }
                else if (KnownSymbols.Is(method.ReturnType, known.AsyncEnumerable) || KnownSymbols.Is(method.ReturnType, known.AsyncEnumerator))
                {
                    problem = "it returns an async stream, which runs while the caller enumerates, after the lease is released. Lock inside the loop with ILockProvider, or return a list.";
                }
                else if (IsIterator(method))
                {
                    problem = "it is an iterator, so its body runs while the caller enumerates, after the lease is released. Lock inside the loop with ILockProvider, or return a list.";
                }

                if (problem != null)
                {
                    var location = LockAttributes.Syntax(attribute)?.GetLocation() ?? method.Locations[0];
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptor, location, ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, shape),
                        type!.Name.Replace("Attribute", string.Empty), method.Name, problem));
                }
            }
        }

        /// <summary>Whether the method's own body (not a nested lambda or local function) contains yield.</summary>
        private static bool IsIterator(IMethodSymbol method) =>
            method.DeclaringSyntaxReferences.Any(reference =>
                reference.GetSyntax() is MethodDeclarationSyntax declaration
                && declaration.DescendantNodes(node => !(node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax))
                    .OfType<YieldStatementSyntax>().Any());
    }
}
