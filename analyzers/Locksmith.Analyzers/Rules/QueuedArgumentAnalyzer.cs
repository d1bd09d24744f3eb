using System.Collections.Immutable;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM010: a [QueuedBy] method's arguments are serialized into the queue and read back by the consumer, possibly in
    /// another process; delegates, streams, ref structs (spans), pointers and ref/out/in parameters cannot make that trip.
    /// A CancellationToken is not serialized (the consumer supplies its own) and is allowed.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class QueuedArgumentAnalyzer : LocksmithAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.QueuedArgument,
            "Queued method argument cannot be serialized",
            "[QueuedBy] method {0}: parameter '{1}' {2}, so it cannot be written to the queue and read back by the consumer; pass plain data instead",
            RuleCategories.Usage,
            DiagnosticSeverity.Error,
            "A queued call is stored as data; its arguments must survive serialization.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.QueuedBy != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method);

        private static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
        {
            var method = (IMethodSymbol)context.Symbol;
            if (LockAttributes.Find(method, known.QueuedBy) == null)
            {
                return;
            }

            foreach (var parameter in method.Parameters)
            {
                var problem = Problem(parameter, known);
                if (problem != null)
                {
                    var location = parameter.DeclaringSyntaxReferences.Length > 0
                        ? parameter.DeclaringSyntaxReferences[0].GetSyntax().GetLocation()
                        : parameter.Locations[0];
                    context.ReportDiagnostic(Diagnostic.Create(Descriptor, location, method.Name, parameter.Name, problem));
                }
            }
        }

        private static string? Problem(IParameterSymbol parameter, KnownSymbols known)
        {
            var type = parameter.Type;
            if (parameter.RefKind != RefKind.None)
            {
                return "is passed by reference (" + parameter.RefKind.ToString().ToLowerInvariant() + ")";
            }

            if (KnownSymbols.Is(type, known.CancellationToken))
            {
                return null;
            }

            if (type.TypeKind == TypeKind.Delegate || type.SpecialType == SpecialType.System_Delegate || type.SpecialType == SpecialType.System_MulticastDelegate)
            {
                return "is a delegate";
            }

            if (type.TypeKind == TypeKind.Pointer || type.TypeKind == TypeKind.FunctionPointer)
            {
                return "is a pointer";
            }

            if (type.IsRefLikeType)
            {
                return "is a ref struct (" + type.Name + ")";
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (KnownSymbols.Is(current, known.Stream))
                {
                    return "is a stream";
                }
            }

            return null;
        }
    }
}
