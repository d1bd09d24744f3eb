using System.Collections.Immutable;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM003: [DistributedLock]/[Semaphore] with a Ttl that is zero, negative, under a millisecond, infinite, or not a
    /// duration at all. The runtime refuses these on the first call; the editor can say so at once.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AttributeTtlAnalyzer : LocksmithAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.AttributeTtl,
            "Lock attribute TTL is not a positive, finite duration",
            "[{0}] Ttl = \"{1}\" {2}; a lease needs a positive, finite time to live so a crashed holder's lock expires. Write for example \"30s\".",
            RuleCategories.Usage,
            DiagnosticSeverity.Error,
            "The Ttl of a lock attribute bounds how long a crashed holder blocks others; renewal keeps a live holder's lease.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.DistributedLock != null || known.Semaphore != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method);

        private static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
        {
            foreach (var type in new[] { known.DistributedLock, known.Semaphore, known.ReadLock, known.WriteLock })
            {
                var attribute = LockAttributes.Find(context.Symbol, type);
                var ttl = attribute == null ? null : LockAttributes.NamedString(attribute, "Ttl");
                if (ttl == null)
                {
                    continue;
                }

                var ms = DurationText.Parse(ttl);
                string? problem = ms switch
                {
                    null => "is not a duration (\"250ms\", \"30s\", \"2m\", \"1h\", \"00:00:30\")",
                    double.PositiveInfinity => "is infinite",
                    <= 0 => "is not positive",
                    < 1 => "is under a millisecond, which backends cannot count",
                    _ => null,
                };
                if (problem != null)
                {
                    var syntax = LockAttributes.NamedSyntax(attribute!, "Ttl");
                    var location = syntax?.GetLocation() ?? context.Symbol.Locations[0];
                    context.ReportDiagnostic(Diagnostic.Create(Descriptor, location, type!.Name.Replace("Attribute", string.Empty), ttl, problem));
                }
            }
        }
    }
}
