using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>
    /// The base of every rule: concurrent execution on, generated code skipped, and the known types resolved once per
    /// compilation before the rule registers its actions.
    /// </summary>
    public abstract class LocksmithAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var known = new KnownSymbols(start.Compilation);
                if (IsRelevant(known))
                {
                    Register(start, known);
                }
            });
        }

        /// <summary>Whether the compilation references what the rule looks at; otherwise it registers nothing.</summary>
        internal abstract bool IsRelevant(KnownSymbols known);

        /// <summary>Registers the rule's actions for one compilation.</summary>
        internal abstract void Register(CompilationStartAnalysisContext context, KnownSymbols known);
    }
}
