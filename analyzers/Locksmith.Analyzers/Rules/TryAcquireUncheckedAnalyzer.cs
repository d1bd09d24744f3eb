using System.Collections.Immutable;
using System.Linq;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM017: TryAcquireAsync of ILockProvider/ISemaphoreProvider returns null when the lock (or permit) is not taken.
    /// Discarding the result, or keeping it in a local that is never tested for null before the work, runs the protected
    /// work without the lock. A null test only in a finally (around the dispose) does not count: the work already ran. A
    /// result returned or passed on is the receiver's to check.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TryAcquireUncheckedAnalyzer : LocksmithAnalyzer
    {
        /// <summary>Diagnostic property: the local the fix can test for null and return early on, when the method returns nothing.</summary>
        public const string LocalProperty = "Local";

        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.TryAcquireUnchecked,
            "TryAcquireAsync result not checked for null",
            "{0}; TryAcquireAsync returns null when the lock is not taken, and the work then runs unprotected. Test the result for null before the work (or use AcquireAsync, which waits or throws).",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "A null result from TryAcquireAsync means someone else holds the lock: skip the work, or wait with AcquireAsync.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.LockProvider != null || known.SemaphoreProvider != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterOperationAction(c => Analyze(c, known), OperationKind.Invocation);

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != "TryAcquireAsync" || known.ProviderAcquireKind(invocation.TargetMethod) == null)
            {
                return;
            }

            var result = Flow.Result(invocation);
            if (!(result is IAwaitOperation))
            {
                return;
            }

            switch (result.Parent)
            {
                case IExpressionStatementOperation:
                    context.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(), "The result is discarded"));
                    return;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when !IsNullTested(declarator.Symbol, invocation):
                    var properties = ReturnsNothing(invocation, context.Compilation)
                        ? ImmutableDictionary<string, string?>.Empty.Add(LocalProperty, declarator.Symbol.Name)
                        : ImmutableDictionary<string, string?>.Empty;
                    context.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(), properties, $"'{declarator.Symbol.Name}' is never tested for null before the work"));
                    return;
            }
        }

        /// <summary>Whether a bare <c>return;</c> fits the enclosing method or lambda: it returns void, Task or ValueTask.</summary>
        private static bool ReturnsNothing(IOperation operation, Compilation compilation)
        {
            var body = Flow.Body(operation);
            IMethodSymbol? method = body switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                ILocalFunctionOperation local => local.Symbol,
                _ => body?.SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart) as IMethodSymbol,
            };
            if (method == null)
            {
                return false;
            }

            var returns = method.ReturnType;
            return method.ReturnsVoid
                   || (method.IsAsync && (SymbolEqualityComparer.Default.Equals(returns, compilation.GetTypeByMetadataName("System.Threading.Tasks.Task"))
                                          || SymbolEqualityComparer.Default.Equals(returns, compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask"))));
        }

        /// <summary>A null test of the local outside a finally block (==/!= null, is null, is {}, ?? throw), or the local handed on.</summary>
        private static bool IsNullTested(ILocalSymbol local, IOperation anchor)
        {
            var body = Flow.Body(anchor);
            if (body == null)
            {
                return true;
            }

            foreach (var reference in body.Descendants().OfType<ILocalReferenceOperation>())
            {
                if (!SymbolEqualityComparer.Default.Equals(reference.Local, local) || reference.Syntax.FirstAncestorOrSelf<FinallyClauseSyntax>() != null)
                {
                    continue;
                }

                var parent = reference.Parent;
                while (parent is IConversionOperation)
                {
                    parent = parent.Parent;
                }

                switch (parent)
                {
                    case IBinaryOperation binary when binary.LeftOperand.IsNullOrDefault() || binary.RightOperand.IsNullOrDefault():
                    case IIsPatternOperation:
                    case IIsTypeOperation:
                    case ICoalesceOperation:
                    case IReturnOperation:
                    case IArgumentOperation:
                    case ISimpleAssignmentOperation:
                        return true;
                }
            }

            // `await using var lease = await TryAcquireAsync(...) ?? throw ...` tests the value before it reaches the local.
            return anchor.Parent is IAwaitOperation { Parent: ICoalesceOperation } || Flow.Result(anchor).Parent is ICoalesceOperation;
        }
    }
}
