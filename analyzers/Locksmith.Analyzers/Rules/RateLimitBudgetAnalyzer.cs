using System.Collections.Immutable;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM018: a [RateLimit] whose budget cannot work: Permits under 1 or unset, Per unset, not a duration, infinite or
    /// under a millisecond, or a WaitTimeout that is not a duration or is negative. The runtime refuses each on the
    /// method's first call; the editor can say so at once. (The key template is LSM006's and LSM007's.)
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RateLimitBudgetAnalyzer : LocksmithAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.RateLimitBudget,
            "Rate limit budget cannot work",
            "[RateLimit] {0}",
            RuleCategories.Usage,
            DiagnosticSeverity.Error,
            "A rate limit needs at least one permit per positive, finite period; every call to the method would otherwise fail on its first call.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.RateLimit != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method);

        private static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
        {
            var attribute = LockAttributes.Find(context.Symbol, known.RateLimit);
            if (attribute == null)
            {
                return;
            }

            var fallback = LockAttributes.Syntax(attribute)?.GetLocation() ?? context.Symbol.Locations[0];
            void Report(string property, string problem) =>
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, LockAttributes.NamedSyntax(attribute, property)?.GetLocation() ?? fallback, problem));

            var permits = LockAttributes.Named(attribute, "Permits").Value as int?;
            if (permits == null)
            {
                Report("Permits", "does not set Permits, so no call would ever be let in; write for example Permits = 100");
            }
            else if (permits < 1)
            {
                Report("Permits", $"Permits = {permits} would refuse every call; permits must be at least 1");
            }

            var per = LockAttributes.NamedString(attribute, "Per");
            var perMs = per == null ? null : DurationText.Parse(per);
            string? perProblem = per == null
                ? "does not set Per, the period the permits are for; write for example Per = \"1m\""
                : perMs switch
                {
                    null => $"Per = \"{per}\" is not a duration; write \"500ms\", \"1s\", \"1m\", \"1h\" or \"00:01:00\"",
                    double.PositiveInfinity => $"Per = \"{per}\" is infinite: the permits would never come back; give a finite period",
                    < 1 => $"Per = \"{per}\" is under a millisecond, which backends cannot count; give at least \"1ms\"",
                    > 366d * 24 * 3_600_000 => $"Per = \"{per}\" is over a year, longer than backends keep a limit; give at most a year",
                    _ => null,
                };
            if (perProblem != null)
            {
                Report("Per", perProblem);
            }

            var wait = LockAttributes.NamedString(attribute, "WaitTimeout");
            var waitMs = wait == null ? null : DurationText.Parse(wait);
            if (wait != null && (waitMs == null || waitMs < 0))
            {
                Report("WaitTimeout", waitMs == null
                    ? $"WaitTimeout = \"{wait}\" is not a duration; write \"0\" (never wait), \"2s\" or \"infinite\""
                    : $"WaitTimeout = \"{wait}\" is negative; write \"0\" to never wait");
            }
        }
    }
}
