using System.Collections.Immutable;
using System.Linq;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM012: a lock taken again by the flow that already holds it, where the runtime cannot see the re-entry.
    /// Woven methods re-enter a key their flow holds through another woven method (same kind, same key, whatever the
    /// template), so that is not flagged. What the runtime does not see is a programmatic acquire: ILockProvider or
    /// ISemaphoreProvider called for the key of the woven method it runs in, or a woven method called for the key of a
    /// lease the caller holds programmatically. Both wait for the caller itself until the wait timeout.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SelfDeadlockAnalyzer : LocksmithAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.SelfDeadlock,
            "Lock taken again in the flow that holds it",
            "{0} waits for {1} '{2}', which this flow already holds through {3}; programmatic and woven acquisitions do not re-enter each other, so it waits for itself until the wait timeout. Use one of the two for this key.",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "Woven locks re-enter only woven locks. Taking the same key programmatically inside a woven method, or calling a woven method for a key held programmatically, deadlocks the flow with itself.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) =>
            (known.LockProvider != null && known.DistributedLock != null) || (known.SemaphoreProvider != null && known.Semaphore != null);

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterOperationAction(c => Analyze(c, known), OperationKind.Invocation);

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var kind = known.ProviderAcquireKind(invocation.TargetMethod);
            if (kind == null)
            {
                return;
            }

            var key = invocation.ArgumentAt(0) is { } argument ? KeyShape.Of(argument.Value) : null;
            if (key == null)
            {
                return;
            }

            // Inside a woven method for the same key.
            if (context.ContainingSymbol is IMethodSymbol container
                && WovenKey(container, kind, known, name => container.Parameters.Any(p => p.Name == name) ? KeyShape.OfParameter(name) : null) == key)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptor, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name, Noun(kind), Text(invocation), "[" + kind + "] on " + container.Name));
            }

            // Woven methods called later in the same body, for the key this acquisition holds.
            var root = invocation;
            IOperation top = invocation;
            while (top.Parent != null)
            {
                top = top.Parent;
            }

            foreach (var call in top.Descendants().OfType<IInvocationOperation>())
            {
                if (call == root || call.Syntax.SpanStart <= invocation.Syntax.SpanStart)
                {
                    continue;
                }

                var callee = call.TargetMethod;
                var calleeKey = WovenKey(callee, kind, known, name =>
                {
                    var bound = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == name);
                    return bound == null || bound.ArgumentKind == ArgumentKind.DefaultValue ? null : KeyShape.Of(bound.Value);
                });
                if (calleeKey == key)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptor, call.Syntax.GetLocation(), callee.Name, Noun(kind), Text(invocation), invocation.TargetMethod.Name + " earlier in this method"));
                }
            }
        }

        /// <summary>The shape of the key a woven method of <paramref name="kind"/> locks, its parameters mapped by <paramref name="parameter"/>.</summary>
        private static string? WovenKey(IMethodSymbol method, string kind, KnownSymbols known, System.Func<string, string?> parameter)
        {
            var site = TemplateSites.Of(method, known).FirstOrDefault(s => s.Attribute == kind);
            return site == null ? null : KeyShape.OfTemplate(site.Parsed, parameter);
        }

        private static string Noun(string kind) => kind == "Semaphore" ? "semaphore" : "lock";

        private static string Text(IInvocationOperation invocation) => invocation.ArgumentAt(0)?.Value.Syntax.ToString() ?? "?";
    }
}
