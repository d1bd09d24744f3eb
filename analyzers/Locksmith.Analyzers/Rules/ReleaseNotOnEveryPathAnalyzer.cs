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
    /// LSM005: a lock whose release an exception can skip. A Locksmith lease (ILockProvider/ISemaphoreProvider acquire)
    /// kept in a local that is neither declared with <c>using</c>/<c>await using</c> nor disposed in a <c>finally</c>, or
    /// discarded; and a LockTake whose LockRelease in the same method is not in a <c>finally</c>. The lock is then held
    /// until its TTL runs out, blocking everyone.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ReleaseNotOnEveryPathAnalyzer : LocksmithAnalyzer
    {
        /// <summary>Diagnostic property: "Using" when the fix can declare the lease with await using.</summary>
        public const string FixKind = "FixKind";

        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.ReleaseNotOnEveryPath,
            "Lock release is not on every path",
            "{0}; an exception before the release leaves the lock held until its TTL expires. {1}",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "Release a lock in a finally block, or hold a lease with await using, so every path out of the method releases it.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.HasRedis || known.LockProvider != null || known.SemaphoreProvider != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterOperationAction(c => Analyze(c, known), OperationKind.Invocation);

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (known.ProviderAcquireKind(method) != null)
            {
                if (method.Name == "TryAcquireAsync" && IsDiscarded(invocation))
                {
                    // The lease may be null, so the first mistake is not checking it: LSM017 reports it, once.
                    return;
                }

                AnalyzeLease(context, invocation);
            }
            else if (known.IsRedis(method, "LockTake"))
            {
                AnalyzeLockTake(context, invocation, known);
            }
        }

        private static void AnalyzeLease(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            // Walk up from the call to what receives the lease: await, ConfigureAwait, conversions.
            IOperation result = invocation;
            while (result.Parent is IAwaitOperation || result.Parent is IConversionOperation
                   || (result.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance == result))
            {
                result = result.Parent;
            }

            if (!(result is IAwaitOperation) && !(result.Parent is IAwaitOperation))
            {
                // A ValueTask kept for later is someone else's to await; nothing to judge here.
                if (result.Parent is IExpressionStatementOperation)
                {
                    Report(context, invocation, "The lease is never awaited nor released", "Hold it with await using.", fixable: false);
                }

                return;
            }

            switch (result.Parent)
            {
                case IExpressionStatementOperation:
                    Report(context, invocation, "The lease is discarded and only released when its TTL expires", "Hold it with await using.", fixable: false);
                    return;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    for (var up = declarator.Parent; up != null && !(up is IBlockOperation); up = up.Parent)
                    {
                        if (up is IUsingDeclarationOperation || up is IUsingOperation)
                        {
                            return;
                        }
                    }

                    if (!IsReleasedSafely(declarator.Symbol, invocation))
                    {
                        Report(context, invocation, $"The lease in '{declarator.Symbol.Name}' is not held with using nor disposed in a finally block", "Declare it with await using.", fixable: declarator.Syntax.Parent?.Parent is LocalDeclarationStatementSyntax);
                    }

                    return;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local }:
                    if (!IsReleasedSafely(local.Local, invocation))
                    {
                        Report(context, invocation, $"The lease in '{local.Local.Name}' is not held with using nor disposed in a finally block", "Dispose it in a finally block.", fixable: false);
                    }

                    return;
                default:
                    // Returned, stored in a field, passed on: the lease's owner is elsewhere.
                    return;
            }
        }

        /// <summary>Disposed in a finally, used as a using resource, or handed on (returned, stored, passed): not this method's leak.</summary>
        private static bool IsReleasedSafely(ILocalSymbol local, IOperation anchor)
        {
            var body = Flow.Body(anchor);
            if (body == null)
            {
                return true;
            }

            foreach (var reference in body.Descendants().OfType<ILocalReferenceOperation>())
            {
                if (!SymbolEqualityComparer.Default.Equals(reference.Local, local))
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
                    case IInvocationOperation call when call.Instance == reference || call.Instance?.WithoutConversions() == reference:
                        if ((call.TargetMethod.Name == "DisposeAsync" || call.TargetMethod.Name == "Dispose") && InFinally(call.Syntax))
                        {
                            return true;
                        }

                        break;
                    case IUsingOperation:
                    case IReturnOperation:
                    case IArgumentOperation:
                    case ISimpleAssignmentOperation assignment when assignment.Value.WithoutConversions() == reference:
                        return true;
                }
            }

            return false;
        }

        private static bool IsDiscarded(IOperation call)
        {
            var result = call;
            while (result.Parent is IAwaitOperation || result.Parent is IConversionOperation
                   || (result.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance == result))
            {
                result = result.Parent;
            }

            return result.Parent is IExpressionStatementOperation;
        }

        private static void AnalyzeLockTake(OperationAnalysisContext context, IInvocationOperation invocation, KnownSymbols known)
        {
            var shape = invocation.ArgumentAt(0) is { } key ? KeyShape.Of(key.Value) : null;
            var body = Flow.Body(invocation);
            if (shape == null || body == null)
            {
                return;
            }

            // A release inside a lambda or local function is handed on (to the returned handle, a callback): not this path's.
            var releases = body.Descendants().OfType<IInvocationOperation>()
                .Where(r => known.IsRedis(r.TargetMethod, "LockRelease") && r.ArgumentAt(0) is { } k && KeyShape.Of(k.Value) == shape
                            && !InNestedFunction(r.Syntax, body.Syntax))
                .ToList();

            // No release in this method: it is released elsewhere (a handle's Dispose); nothing to judge here.
            if (releases.Count > 0 && !releases.Any(r => InFinally(r.Syntax)))
            {
                Report(context, invocation, $"{invocation.TargetMethod.Name} is released by {releases[0].TargetMethod.Name} outside a finally block", "Move the release into finally.", fixable: false);
            }
        }

        private static bool InNestedFunction(SyntaxNode node, SyntaxNode body)
        {
            for (var current = node.Parent; current != null && current != body; current = current.Parent)
            {
                if (current is AnonymousFunctionExpressionSyntax || current is LocalFunctionStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool InFinally(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                if (current is FinallyClauseSyntax)
                {
                    return true;
                }

                if (current is MemberDeclarationSyntax || current is LocalFunctionStatementSyntax || current is AnonymousFunctionExpressionSyntax)
                {
                    return false;
                }
            }

            return false;
        }

        private static void Report(OperationAnalysisContext context, IInvocationOperation invocation, string what, string fix, bool fixable)
        {
            var properties = fixable ? ImmutableDictionary<string, string?>.Empty.Add(FixKind, "Using") : ImmutableDictionary<string, string?>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(), properties, what, fix));
        }
    }
}
