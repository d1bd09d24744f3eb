using System.Collections.Immutable;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM002: LockTake[Async] with an expiry that is infinite, zero or negative (Redis refuses it, or the lock never
    /// expires) or longer than a day (a crashed holder blocks everyone for that long).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LockTakeExpiryAnalyzer : LocksmithAnalyzer
    {
        /// <summary>Longer than this is treated as "never" for a lock: renewal, not a huge TTL, is how a holder keeps a lock.</summary>
        internal const double MaxReasonableMilliseconds = 24 * 3_600_000.0;

        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.LockTakeExpiry,
            "LockTake with an infinite or absurdly long expiry",
            "{0} takes a lock with an expiry that {1}; a crashed holder must not block everyone for that long. Use a TTL of seconds and extend it while working (LockExtend).",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "The expiry of a lock bounds how long a crashed holder blocks everyone; it must be positive, finite and short.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.HasRedis && known.TimeSpan != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterOperationAction(c => Analyze(c, known), OperationKind.Invocation);

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!known.IsRedis(invocation.TargetMethod, "LockTake") && !known.IsRedis(invocation.TargetMethod, "LockExtend"))
            {
                return;
            }

            var expiry = invocation.ArgumentOfType(known.TimeSpan);
            if (expiry == null)
            {
                return;
            }

            var ms = TimeSpanValue.Milliseconds(expiry.Value, known);
            string? problem = ms switch
            {
                null => null,
                -1 => "is infinite (Timeout.InfiniteTimeSpan)",
                <= 0 => "is not positive",
                > MaxReasonableMilliseconds => "is longer than a day",
                _ => null,
            };
            if (problem != null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, expiry.Value.Syntax.GetLocation(), invocation.TargetMethod.Name, problem));
            }
        }
    }
}
