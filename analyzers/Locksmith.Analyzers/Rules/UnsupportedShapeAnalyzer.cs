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
    /// ends at the first await), an iterator or an IAsyncEnumerable method (the body runs while the caller enumerates),
    /// or an awaitable other than Task and ValueTask (the lease cannot wait for it; the runtime refuses it too).
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
            "The lease is held for the duration of the call; async void methods, iterators and awaitables other than Task and ValueTask keep working after the call returns.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.DistributedLock != null || known.Semaphore != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method);

        private static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
        {
            var method = (IMethodSymbol)context.Symbol;
            foreach (var type in new[] { known.DistributedLock, known.Semaphore, known.ReadLock, known.WriteLock })
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
                else if (IsOtherAwaitable(method.ReturnType, known))
                {
                    problem = $"it returns {method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}, an awaitable the lease cannot wait for, so the lease would be released while the work still runs. Return Task or ValueTask and await it inside the method.";
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

        /// <summary>
        /// Whether the type is awaited (a public parameterless GetAwaiter, its own or inherited) but is not one of the four
        /// task types the woven wrapper awaits: the same test the runtime applies before refusing the method.
        /// </summary>
        private static bool IsOtherAwaitable(ITypeSymbol type, KnownSymbols known)
        {
            if (KnownSymbols.Is(type, known.Task) || KnownSymbols.Is(type, known.ValueTask) || KnownSymbols.Is(type, known.TaskOfT) || KnownSymbols.Is(type, known.ValueTaskOfT))
            {
                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.GetMembers("GetAwaiter").OfType<IMethodSymbol>().Any(m => !m.IsStatic && m.Parameters.IsEmpty && m.DeclaredAccessibility == Accessibility.Public))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the method's own body (not a nested lambda or local function) contains yield.</summary>
        private static bool IsIterator(IMethodSymbol method) =>
            method.DeclaringSyntaxReferences.Any(reference =>
                reference.GetSyntax() is MethodDeclarationSyntax declaration
                && declaration.DescendantNodes(node => !(node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax))
                    .OfType<YieldStatementSyntax>().Any());
    }
}
