using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM004: KeyDelete[Async] (or DEL/UNLINK through Execute) of a key that the same type acquires as a lock (SET NX or
    /// LockTake). After the holder's lease expired and another process took the lock, a bare delete removes the other
    /// holder's lock; the release must check the owner (LockRelease, or a compare-and-delete script).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BareDeleteAnalyzer : LocksmithAnalyzer
    {
        /// <summary>Diagnostic property: the acquisition's token expression, when it can be written at the delete.</summary>
        public const string TokenProperty = "Token";

        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.BareDelete,
            "Lock key deleted without checking the owner",
            "{0} deletes lock key {1} without checking who holds it; if this holder's lease expired, it deletes another holder's lock. Release with LockRelease(key, token) or a compare-and-delete script.",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "Release a lock only if it still holds your token: GET-compare-DEL in one script, or LockRelease.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.HasRedis;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterSymbolStartAction(
                start =>
                {
                    var acquired = new ConcurrentDictionary<string, string?>();
                    var deletes = new ConcurrentBag<(IOperation Call, IOperation Key, string Shape, string Name)>();
                    start.RegisterOperationAction(c => Collect((IInvocationOperation)c.Operation, known, acquired, deletes), OperationKind.Invocation);
                    start.RegisterSymbolEndAction(end =>
                    {
                        foreach (var delete in deletes)
                        {
                            if (acquired.TryGetValue(delete.Shape, out var token))
                            {
                                var properties = ImmutableDictionary<string, string?>.Empty;
                                if (token != null && delete.Name.StartsWith("KeyDelete", System.StringComparison.Ordinal))
                                {
                                    properties = properties.Add(TokenProperty, token);
                                }

                                end.ReportDiagnostic(Diagnostic.Create(Descriptor, delete.Call.Syntax.GetLocation(), properties, delete.Name, delete.Key.Syntax.ToString()));
                            }
                        }
                    });
                },
                SymbolKind.NamedType);

        private static void Collect(
            IInvocationOperation invocation, KnownSymbols known, ConcurrentDictionary<string, string?> acquired,
            ConcurrentBag<(IOperation, IOperation, string, string)> deletes)
        {
            var method = invocation.TargetMethod;
            if (known.IsRedis(method, "LockTake") || (known.IsRedis(method, "StringSet") && IsNotExists(invocation, known)))
            {
                AddAcquired(acquired, invocation.ArgumentAt(0)?.Value, invocation.ArgumentAt(1)?.Value);
                return;
            }

            if (known.IsRedis(method, "KeyDelete"))
            {
                var key = invocation.ArgumentAt(0)?.Value;
                var keys = key?.Type is IArrayTypeSymbol ? invocation.ArgumentAt(0).InlineElements() : key == null ? null : new[] { key };
                AddDeletes(deletes, invocation, keys, method.Name);
                return;
            }

            var command = RedisCommands.ExecuteCommand(invocation, known, out var arguments);
            if (command == null || arguments == null || arguments.Length == 0)
            {
                return;
            }

            if (LuaText.IsOneOf(command, "SET") && arguments.Length >= 2)
            {
                for (var i = 2; i < arguments.Length; i++)
                {
                    if (arguments[i].ConstantString() is { } option && LuaText.IsOneOf(option, "NX"))
                    {
                        AddAcquired(acquired, arguments[0], arguments[1]);
                    }
                }
            }
            else if (LuaText.IsOneOf(command, "SETNX") && arguments.Length >= 2)
            {
                AddAcquired(acquired, arguments[0], arguments[1]);
            }
            else if (LuaText.IsOneOf(command, "DEL", "UNLINK"))
            {
                AddDeletes(deletes, invocation, arguments, method.Name + "(\"" + command + "\")");
            }
        }

        private static bool IsNotExists(IInvocationOperation invocation, KnownSymbols known)
        {
            var when = invocation.ArgumentOfType(known.When) ?? invocation.ArgumentOfType(known.ValueCondition);
            return when != null && (when.Value.IsMember(known.When, "NotExists") || when.Value.IsMember(known.ValueCondition, "NotExists"));
        }

        private static void AddAcquired(ConcurrentDictionary<string, string?> acquired, IOperation? key, IOperation? token)
        {
            var shape = key == null ? null : KeyShape.Of(key);
            if (shape != null)
            {
                acquired.AddOrUpdate(shape, Portable(token), (_, existing) => existing ?? Portable(token));
            }
        }

        private static void AddDeletes(
            ConcurrentBag<(IOperation, IOperation, string, string)> deletes, IInvocationOperation invocation, IEnumerable<IOperation>? keys, string name)
        {
            if (keys == null)
            {
                return;
            }

            foreach (var key in keys)
            {
                var shape = KeyShape.Of(key);
                if (shape != null)
                {
                    deletes.Add((invocation, key, shape, name));
                }
            }
        }

        /// <summary>The token's source text when it means the same thing anywhere in the type: a constant, or a member of the type.</summary>
        private static string? Portable(IOperation? token)
        {
            if (token == null)
            {
                return null;
            }

            var value = token.WithoutConversions();
            if (value.ConstantValue.HasValue
                || (value is IMemberReferenceOperation member && (member.Instance == null || member.Instance is IInstanceReferenceOperation)))
            {
                return value.Syntax.ToString();
            }

            return null;
        }
    }
}
