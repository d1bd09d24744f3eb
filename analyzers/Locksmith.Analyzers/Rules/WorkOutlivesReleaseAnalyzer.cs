using System.Collections.Immutable;
using System.Linq;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM016: work that runs on after the lock protecting it is released. Inside a region that holds a lock (the try
    /// block of a finally that releases it, or the scope of a lease held with using), an async lambda passed where an
    /// Action is expected (<c>list.ForEach(async x => ...)</c>, async void) or a task that is started and neither awaited
    /// nor kept returns at its first await, and the release runs while it still works. And a lease held with using that
    /// is stored in a collection or returned is disposed when its scope ends, before its receiver uses it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class WorkOutlivesReleaseAnalyzer : LocksmithAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.WorkOutlivesRelease,
            "Work outlives the release of its lock",
            "{0}; the lock is released while it still runs (or is used), so the work is no longer protected. {1}",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "Everything done under a lock must finish before the lock is released: await started tasks, never pass async lambdas as Action, and do not hand out a lease that using will dispose.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.HasRedis || known.LockProvider != null || known.SemaphoreProvider != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known)
        {
            context.RegisterOperationAction(c => AnalyzeAsyncVoidLambda(c, known), OperationKind.AnonymousFunction);
            context.RegisterOperationAction(c => AnalyzeUnobservedTask(c, known), OperationKind.ExpressionStatement);
            // Returns and Add calls are far rarer than local references: the escape check starts from them.
            context.RegisterOperationAction(c => AnalyzeEscapingLease(c, ((IReturnOperation)c.Operation).ReturnedValue, c.Operation), OperationKind.Return);
            context.RegisterOperationAction(c => AnalyzeAddedLease(c), OperationKind.Invocation);
        }

        private static void AnalyzeAsyncVoidLambda(OperationAnalysisContext context, KnownSymbols known)
        {
            var lambda = (IAnonymousFunctionOperation)context.Operation;
            if (lambda.Symbol.IsAsync && lambda.Symbol.ReturnsVoid && LockRegion.IsHeld(lambda, known))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, lambda.Syntax.GetLocation(),
                    "This async lambda becomes async void: the call it is passed to returns at its first await", "Use a loop with await, or await Task.WhenAll over the items."));
            }
        }

        /// <summary>A statement that starts a task and drops it: <c>DoAsync();</c> or <c>_ = Task.Run(...);</c>.</summary>
        private static void AnalyzeUnobservedTask(OperationAnalysisContext context, KnownSymbols known)
        {
            var statement = (IExpressionStatementOperation)context.Operation;
            var value = statement.Operation is ISimpleAssignmentOperation { Target: IDiscardOperation } discard ? discard.Value : statement.Operation;
            value = value.WithoutConversions();
            if (!(value is IInvocationOperation call) || !IsTask(call.Type, known) || IsRedisFireAndForget(call, known) || !LockRegion.IsHeld(statement, known))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptor, call.Syntax.GetLocation(),
                $"The task started by {call.TargetMethod.Name} is not awaited", "Await it before the lock is released."));
        }

        /// <summary>A lease declared with using that is added to a collection: its receiver gets a released lock.</summary>
        private static void AnalyzeAddedLease(OperationAnalysisContext context)
        {
            var call = (IInvocationOperation)context.Operation;
            if (call.TargetMethod.Name is "Add" or "Push" or "Enqueue" or "TryAdd")
            {
                foreach (var argument in call.Arguments)
                {
                    AnalyzeEscapingLease(context, argument.Value, call);
                }
            }
        }

        /// <summary>A lease declared with using that is returned or stored: disposed when its scope ends, before its receiver uses it.</summary>
        private static void AnalyzeEscapingLease(OperationAnalysisContext context, IOperation? value, IOperation where)
        {
            if (value?.WithoutConversions() is ILocalReferenceOperation reference && LockRegion.IsUsingLease(reference.Local))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, where.Syntax.GetLocation(),
                    $"The lease in '{reference.Local.Name}' is handed out but its using disposes it when the scope ends", "Do not declare it with using; let the receiver dispose it."));
            }
        }

        private static bool IsTask(ITypeSymbol? type, KnownSymbols known) =>
            type != null && (KnownSymbols.Is(type, known.Task) || KnownSymbols.Is(type, known.ValueTask)
                             || KnownSymbols.Is(type.BaseType, known.Task) || type.OriginalDefinition.ToDisplayString() == "System.Threading.Tasks.ValueTask<TResult>");

        /// <summary>A Redis command queued on a transaction or batch returns a task completed by Execute: not work of its own.</summary>
        private static bool IsRedisFireAndForget(IInvocationOperation call, KnownSymbols known) => known.IsRedisDatabaseMethod(call.TargetMethod);
    }
}
