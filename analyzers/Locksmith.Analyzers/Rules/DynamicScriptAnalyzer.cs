using System.Collections.Immutable;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM013: a Lua script built at run time (concatenation, interpolation, string.Format/Concat, a StringBuilder).
    /// Every distinct text is a new script in Redis's script cache, which grows without bound, and values spliced into
    /// code can inject Lua. Values belong in KEYS and ARGV; the script text should be constant (or a .lua file).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DynamicScriptAnalyzer : LocksmithAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.DynamicScript,
            "Lua script built at run time",
            "The script passed to {0} is built at run time ({1}); each distinct text fills Redis's script cache and spliced values can inject Lua. Keep the script constant and pass values through KEYS and ARGV.",
            RuleCategories.Scripts,
            DiagnosticSeverity.Warning,
            "Scripts should be constant text (or .lua files compiled by the Locksmith generator) taking their inputs from KEYS and ARGV.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.HasRedis;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterOperationAction(c => Analyze(c, known), OperationKind.Invocation);

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var script = RedisCommands.ScriptArgument(invocation, known);
            if (script == null)
            {
                return;
            }

            var how = HowBuilt(script, 0);
            if (how != null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, script.Syntax.GetLocation(), invocation.TargetMethod.Name, how));
            }
        }

        private static string? HowBuilt(IOperation operation, int depth)
        {
            var value = operation.WithoutConversions();
            if (value.ConstantValue.HasValue || depth > 3)
            {
                return null;
            }

            switch (value)
            {
                case IInterpolatedStringOperation:
                    return "interpolation";
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                    return "concatenation";
                case IInvocationOperation call when call.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String
                                                    && (call.TargetMethod.Name == "Format" || call.TargetMethod.Name == "Concat"
                                                        || call.TargetMethod.Name == "Join" || call.TargetMethod.Name == "Replace"):
                    return "string." + call.TargetMethod.Name;
                case IInvocationOperation call when call.TargetMethod.Name == "ToString"
                                                    && call.TargetMethod.ContainingType?.ToDisplayString() == "System.Text.StringBuilder":
                    return "a StringBuilder";
                case ILocalReferenceOperation or IFieldReferenceOperation when SourceValue.Initializer(value) is { } initial:
                    return HowBuilt(initial, depth + 1);
                case IInvocationOperation helper when SourceValue.Returned(helper) is { } returned:
                    // Text built by a private helper (BuildScript(name)) is built at run time all the same.
                    return HowBuilt(returned, depth + 1);
                default:
                    return null;
            }
        }
    }
}
