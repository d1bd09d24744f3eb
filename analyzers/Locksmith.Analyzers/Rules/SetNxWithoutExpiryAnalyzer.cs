using System.Collections.Immutable;
using System.Linq;
using Locksmith.Analyzers.Infrastructure;
using Locksmith.Generators.Lua;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM001: a key set only-if-absent (a lock) with no expiry stays forever when its holder crashes, so nobody can take
    /// the lock again. Flags StringSet[Async] with When.NotExists/ValueCondition.NotExists and no expiry, Execute("SET", ..., "NX")
    /// without EX/PX, Execute("SETNX"), and the same inside literal scripts passed to ScriptEvaluate.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SetNxWithoutExpiryAnalyzer : LocksmithAnalyzer
    {
        /// <summary>Diagnostic property telling the fix how to add the expiry.</summary>
        public const string FixKind = "FixKind";

        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.SetNxWithoutExpiry,
            "SET NX without an expiry",
            "{0} sets a key only if it does not exist but gives it no expiry; if the holder crashes the key stays forever and the lock can never be taken again. Pass an expiry (PX).",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "A lock key must expire so a crashed holder cannot block everyone forever (SET key token NX PX ttl).");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.HasRedis;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterOperationAction(c => Analyze(c, known), OperationKind.Invocation);

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (known.IsRedis(method, "StringSet"))
            {
                AnalyzeStringSet(context, invocation, known);
                return;
            }

            var command = RedisCommands.ExecuteCommand(invocation, known, out var arguments);
            if (command != null && arguments != null)
            {
                // Options after the key and value must all be literal to be sure none of them is an expiry.
                var options = arguments.Skip(2).Select(a => a.ConstantString()).ToList();
                var unexpiring = LuaText.IsOneOf(command, "SETNX")
                    || (LuaText.IsOneOf(command, "SET") && options.All(o => o != null)
                        && options.Any(o => LuaText.IsOneOf(o!, "NX")) && !LuaText.HasExpiryOption(options!));
                if (unexpiring)
                {
                    var kind = LuaText.IsOneOf(command, "SET") ? "AppendPx" : "SetNx";
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptor, invocation.Syntax.GetLocation(), ImmutableDictionary<string, string?>.Empty.Add(FixKind, kind), $"{method.Name}(\"{command}\")"));
                }

                return;
            }

            var script = ScriptText.Of(RedisCommands.ScriptArgument(invocation, known));
            if (script != null && ScriptSetsWithoutExpiry(script))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptor, invocation.Syntax.GetLocation(), ImmutableDictionary<string, string?>.Empty.Add(FixKind, "None"), "The script's SET NX"));
            }
        }

        private static void AnalyzeStringSet(OperationAnalysisContext context, IInvocationOperation invocation, KnownSymbols known)
        {
            // Only the single-key overloads: (RedisKey, RedisValue, expiry, ..., when/condition, ...).
            if (invocation.TargetMethod.Parameters.Length < 3 || invocation.TargetMethod.Parameters[0].Type.TypeKind == TypeKind.Array)
            {
                return;
            }

            var when = invocation.ArgumentOfType(known.When) ?? invocation.ArgumentOfType(known.ValueCondition);
            if (when == null || !(when.Value.IsMember(known.When, "NotExists") || when.Value.IsMember(known.ValueCondition, "NotExists")))
            {
                return;
            }

            var expiry = invocation.ArgumentOfType(known.TimeSpan) ?? invocation.ArgumentOfType(known.Expiration);
            string kind;
            if (expiry == null || expiry.ArgumentKind == ArgumentKind.DefaultValue)
            {
                kind = "AddNamed";
            }
            else if (expiry.Value.IsNullOrDefault()
                     || expiry.Value.IsMember(known.Expiration, "Default")
                     || expiry.Value.IsMember(known.Expiration, "Persist")
                     || expiry.Value.IsMember(known.Expiration, "KeepTtl"))
            {
                kind = "Replace";
            }
            else if (IsUnboundedExpiry(expiry.Value, known))
            {
                kind = "None";
            }
            else
            {
                return;
            }

            // Report where the fix works: the argument to replace (or to rethink, for "None"), or the whole call when an argument must be added.
            var properties = ImmutableDictionary<string, string?>.Empty.Add(FixKind, kind);
            var location = kind == "Replace" || kind == "None" ? expiry!.Value.Syntax.GetLocation() : invocation.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, location, properties, invocation.TargetMethod.Name));
        }

        /// <summary>
        /// TimeSpan.MaxValue (or any expiry beyond a century), or a nullable parameter defaulting to null passed straight
        /// through (<c>TryLock(key, TimeSpan? expiry = null)</c>): every caller that omits it takes a lock that never expires.
        /// </summary>
        private static bool IsUnboundedExpiry(IOperation expiry, KnownSymbols known)
        {
            var value = expiry.WithoutConversions();
            if (value is IParameterReferenceOperation { Parameter: { HasExplicitDefaultValue: true, ExplicitDefaultValue: null } parameter }
                && parameter.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                return true;
            }

            var ms = TimeSpanValue.Milliseconds(expiry, known);
            return ms == -1 || ms > 100 * 365.25 * 86_400_000;
        }

        private static bool ScriptSetsWithoutExpiry(string script)
        {
            var tokens = LuaLexer.Tokenize(script, out _);
            var calls = LuaText.Calls(tokens).ToList();
            var expiresLater = calls.Any(c => LuaText.IsOneOf(c.Command, "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT"));
            return calls.Any(c =>
                (LuaText.IsOneOf(c.Command, "SET") && c.StringArguments.Any(a => LuaText.IsOneOf(a, "NX")) && !LuaText.HasExpiryOption(c.StringArguments))
                || (LuaText.IsOneOf(c.Command, "SETNX") && !expiresLater));
        }
    }
}
