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
    /// template; a [WriteLock] holder also re-enters a [ReadLock]), so that is not flagged. What the runtime does not see
    /// is a programmatic acquire: ILockProvider, ISemaphoreProvider or IReaderWriterLockProvider called for the key of the
    /// woven method it runs in, or a woven method called for the key of a lease the caller holds programmatically. Both
    /// wait for the caller itself until the wait timeout. And a reader-writer lock's write lock asked for by a flow that
    /// holds its read lock (a [WriteLock] method called from a [ReadLock] method, or AcquireWriteAsync after
    /// AcquireReadAsync in one method) waits for the flow's own read to end.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SelfDeadlockAnalyzer : LocksmithAnalyzer
    {
        private const string Mixed = "programmatic and woven acquisitions do not re-enter each other, so it waits for itself until the wait timeout. Use one of the two for this key.";

        private const string WriteWhileReading =
            "a write lock waits for every read of its key to end, this flow's own included, so it waits for itself (a woven call throws). " +
            "Take the write lock first (a write holder may read), or an upgradeable read and UpgradeAsync.";

        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.SelfDeadlock,
            "Lock taken again in the flow that holds it",
            "{0} waits for {1} '{2}', which this flow already holds through {3}: {4}",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "Woven locks re-enter only woven locks. Taking the same key programmatically inside a woven method, or calling a woven method for a key held programmatically, deadlocks the flow with itself; so does asking for a reader-writer lock's write lock while holding its read lock.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) =>
            (known.LockProvider != null && known.DistributedLock != null) || (known.SemaphoreProvider != null && known.Semaphore != null)
            || (known.ReaderWriterLockProvider != null && known.ReadLock != null);

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterOperationAction(c => Analyze(c, known), OperationKind.Invocation);

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var kind = known.ProviderAcquireKind(invocation.TargetMethod);
            if (kind == null)
            {
                AnalyzeWovenWriteInWovenRead(context, invocation, known);
                return;
            }

            var key = invocation.ArgumentAt(0) is { } argument ? KeyShape.Of(argument.Value) : null;
            if (key == null)
            {
                return;
            }

            // Inside a woven method for the same key (of the same kind, or of the same reader-writer lock).
            if (context.ContainingSymbol is IMethodSymbol container)
            {
                foreach (var held in Related(kind))
                {
                    if (WovenKey(container, held, known, name => container.Parameters.Any(p => p.Name == name) ? KeyShape.OfParameter(name) : null) == key)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptor, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name, Noun(kind), Text(invocation), "[" + held + "] on " + container.Name,
                            held == "ReadLock" && kind == "WriteLock" ? WriteWhileReading : Mixed));
                        break;
                    }
                }
            }

            // Calls later in the same body, for the key this acquisition holds.
            IOperation top = invocation;
            while (top.Parent != null)
            {
                top = top.Parent;
            }

            foreach (var call in top.Descendants().OfType<IInvocationOperation>())
            {
                if (call == invocation || call.Syntax.SpanStart <= invocation.Syntax.SpanStart)
                {
                    continue;
                }

                var callee = call.TargetMethod;
                var later = known.ProviderAcquireKind(callee);
                if (later != null)
                {
                    // Programmatic after programmatic: only the write asked for while the read is held waits for itself.
                    if (kind == "ReadLock" && later == "WriteLock" && call.ArgumentAt(0) is { } laterKey && KeyShape.Of(laterKey.Value) == key)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptor, call.Syntax.GetLocation(), callee.Name, Noun(later), Text(invocation), invocation.TargetMethod.Name + " earlier in this method", WriteWhileReading));
                    }

                    continue;
                }

                foreach (var woven in Related(kind))
                {
                    var calleeKey = WovenKey(callee, woven, known, name =>
                    {
                        var bound = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == name);
                        return bound == null || bound.ArgumentKind == ArgumentKind.DefaultValue ? null : KeyShape.Of(bound.Value);
                    });
                    if (calleeKey == key)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptor, call.Syntax.GetLocation(), callee.Name, Noun(woven), Text(invocation), invocation.TargetMethod.Name + " earlier in this method",
                            kind == "ReadLock" && woven == "WriteLock" ? WriteWhileReading : Mixed));
                        break;
                    }
                }
            }
        }

        /// <summary>A [WriteLock] method called from a [ReadLock] method for the same key: the runtime refuses it (it would wait for itself).</summary>
        private static void AnalyzeWovenWriteInWovenRead(OperationAnalysisContext context, IInvocationOperation call, KnownSymbols known)
        {
            if (!(context.ContainingSymbol is IMethodSymbol container) || known.WriteLock == null)
            {
                return;
            }

            var held = WovenKey(container, "ReadLock", known, name => container.Parameters.Any(p => p.Name == name) ? KeyShape.OfParameter(name) : null);
            if (held == null)
            {
                return;
            }

            var callee = call.TargetMethod;
            var wanted = WovenKey(callee, "WriteLock", known, name =>
            {
                var bound = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == name);
                return bound == null || bound.ArgumentKind == ArgumentKind.DefaultValue ? null : KeyShape.Of(bound.Value);
            });
            if (wanted == held)
            {
                var template = TemplateSites.Of(container, known).First(s => s.Attribute == "ReadLock").Template;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptor, call.Syntax.GetLocation(), callee.Name, "write lock", template, "[ReadLock] on " + container.Name, WriteWhileReading));
            }
        }

        /// <summary>The woven kinds whose hold conflicts with a programmatic acquisition of <paramref name="kind"/> on one key.</summary>
        private static string[] Related(string kind) =>
            kind == "ReadLock" || kind == "WriteLock" ? new[] { "ReadLock", "WriteLock" } : new[] { kind };

        /// <summary>The shape of the key a woven method of <paramref name="kind"/> locks, its parameters mapped by <paramref name="parameter"/>.</summary>
        private static string? WovenKey(IMethodSymbol method, string kind, KnownSymbols known, System.Func<string, string?> parameter)
        {
            var site = TemplateSites.Of(method, known).FirstOrDefault(s => s.Attribute == kind);
            return site == null ? null : KeyShape.OfTemplate(site.Parsed, parameter);
        }

        private static string Noun(string kind) => kind switch
        {
            "Semaphore" => "semaphore",
            "ReadLock" => "read lock",
            "WriteLock" => "write lock",
            _ => "lock",
        };

        private static string Text(IInvocationOperation invocation) => invocation.ArgumentAt(0)?.Value.Syntax.ToString() ?? "?";
    }
}
