using System.Collections.Immutable;
using System.Linq;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM015: a lock taken by <c>StringIncrement(key) == 1</c> and bounded by a separate <c>KeyExpire(key, ttl)</c>. The
    /// two are separate round trips: a crash, a timeout or a failover between them leaves the key without a TTL and the
    /// lock taken forever. A counter that is never compared with 1 is not a lock and is left alone, and so are INCR and
    /// EXPIRE queued in one transaction or batch (applied together).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class IncrementLockAnalyzer : LocksmithAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.IncrementLock,
            "Lock taken by INCR and a separate EXPIRE",
            "{0} takes a lock on {1} (the count is compared with 1) and {2} bounds it in a separate command; a crash between the two leaves the key without a TTL and the lock held forever. Take it with SET NX PX (StringSet with When.NotExists and an expiry) in one command.",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "A lock must be taken and given its expiry atomically: SET key token NX PX ttl, or one script.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.HasRedis;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterOperationAction(c => Analyze(c, known), OperationKind.Invocation);

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            var increment = (IInvocationOperation)context.Operation;
            if (!known.IsRedis(increment.TargetMethod, "StringIncrement") || IsQueued(increment, known)
                || !(increment.ArgumentAt(0) is { } key) || !(KeyShape.Of(key.Value) is { } shape))
            {
                return;
            }

            var body = Flow.Body(increment);
            if (body == null)
            {
                return;
            }

            var expire = body.Descendants().OfType<IInvocationOperation>().FirstOrDefault(e =>
                known.IsRedis(e.TargetMethod, "KeyExpire") && !IsQueued(e, known) && e.ArgumentAt(0) is { } k && KeyShape.Of(k.Value) == shape);
            if (expire != null && IsComparedWithOne(increment, body))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, increment.Syntax.GetLocation(), increment.TargetMethod.Name, key.Value.Syntax.ToString(), expire.TargetMethod.Name));
            }
        }

        /// <summary>Called on a transaction or batch: queued with the other commands and sent together.</summary>
        private static bool IsQueued(IInvocationOperation call, KnownSymbols known)
        {
            var receiver = call.Instance?.WithoutConversions().Type;
            return KnownSymbols.Is(receiver, known.Transaction) || KnownSymbols.Is(receiver, known.Batch);
        }

        /// <summary>The count (directly, or through the local it is stored in) compared with the constant 1.</summary>
        private static bool IsComparedWithOne(IInvocationOperation increment, IOperation body)
        {
            var result = Flow.Result(increment);
            ILocalSymbol? local = result.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } ? declarator.Symbol : null;
            foreach (var comparison in body.Descendants().OfType<IBinaryOperation>())
            {
                if (IsOne(comparison.RightOperand) ? Refers(comparison.LeftOperand, increment, local) : IsOne(comparison.LeftOperand) && Refers(comparison.RightOperand, increment, local))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsOne(IOperation operand) => operand.Type?.SpecialType != SpecialType.System_String && operand.ConstantNumber() == 1;

        private static bool Refers(IOperation operand, IOperation increment, ILocalSymbol? local)
        {
            var value = operand.WithoutConversions();
            return value.DescendantsAndSelf().Contains(increment)
                   || (local != null && value is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local));
        }
    }
}
