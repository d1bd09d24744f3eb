using System.Collections.Immutable;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM011: a [QueuedBy] call returns as soon as the work is enqueued, so a result (T, Task&lt;T&gt;, ValueTask&lt;T&gt;)
    /// only reaches the caller when AwaitResult = true makes the caller wait for the consumer.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class QueuedResultAnalyzer : LocksmithAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.QueuedResult,
            "Queued method returns a value that is never delivered",
            "[QueuedBy] method {0} returns {1}, but a queued call returns when the work is enqueued; set AwaitResult = true to wait for the consumer's result, or return Task",
            RuleCategories.Usage,
            DiagnosticSeverity.Error,
            "Without AwaitResult a queued method's caller gets no result; return void, Task or ValueTask, or set AwaitResult = true.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.QueuedBy != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method);

        private static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
        {
            var method = (IMethodSymbol)context.Symbol;
            var attribute = LockAttributes.Find(method, known.QueuedBy);
            if (attribute == null || LockAttributes.Named(attribute, "AwaitResult").Value is true)
            {
                return;
            }

            var returnType = method.ReturnType;
            if (method.ReturnsVoid || KnownSymbols.Is(returnType, known.Task) || KnownSymbols.Is(returnType, known.ValueTask))
            {
                return;
            }

            var location = LockAttributes.Syntax(attribute)?.GetLocation() ?? method.Locations[0];
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, location, method.Name, returnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }
    }
}
