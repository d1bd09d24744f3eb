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
    /// LSM004: a call that deletes a lock key or removes its expiry (see <see cref="KeyWrites"/>) of a key the same type
    /// acquires as a lock (SET NX or LockTake), or that a handle type receives from the type that acquired it. After the
    /// holder's lease expired and another process took the lock, a bare delete removes the other holder's lock; the
    /// release must check the owner (LockRelease, or a compare-and-delete script).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BareDeleteAnalyzer : LocksmithAnalyzer
    {
        /// <summary>Diagnostic property: the acquisition's token expression, when it can be written at the delete.</summary>
        public const string TokenProperty = "Token";

        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.BareDelete,
            "Lock key deleted or made permanent without checking the owner",
            "{0} {1} lock key {2} without checking who holds it; if this holder's lease expired, it {1} another holder's lock. Release with LockRelease(key, token) or a compare-and-delete script.",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "Release a lock only if it still holds your token: GET-compare-DEL in one script, or LockRelease. Never end a lock by deleting it, expiring it now or persisting it.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.HasRedis;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known)
        {
            // Handle types already read for a creating type, so two providers creating the same handle report it once.
            var handlesReported = new ConcurrentDictionary<Location, bool>();
            context.RegisterSymbolStartAction(
                start =>
                {
                    var acquired = new ConcurrentDictionary<string, string?>();
                    var writes = new ConcurrentBag<(IInvocationOperation Call, KeyWrite Write, string Shape)>();
                    var handles = new ConcurrentBag<(INamedTypeSymbol Type, IArgumentOperation Argument)>();
                    start.RegisterOperationAction(c => Collect((IInvocationOperation)c.Operation, known, acquired, writes), OperationKind.Invocation);
                    start.RegisterOperationAction(c => CollectHandle((IObjectCreationOperation)c.Operation, start.Symbol, handles), OperationKind.ObjectCreation);
                    start.RegisterSymbolEndAction(end =>
                    {
                        foreach (var (call, write, shape) in writes)
                        {
                            if (acquired.TryGetValue(shape, out var token))
                            {
                                var properties = ImmutableDictionary<string, string?>.Empty;
                                if (token != null && write.Call.StartsWith("KeyDelete", System.StringComparison.Ordinal))
                                {
                                    properties = properties.Add(TokenProperty, token);
                                }

                                end.ReportDiagnostic(Diagnostic.Create(Descriptor, call.Syntax.GetLocation(), properties, write.Call, write.Verb, write.Key.Syntax.ToString()));
                            }
                        }

                        ReportHandles(end, known, acquired, handles, handlesReported);
                    });
                },
                SymbolKind.NamedType);
        }

        private static void Collect(
            IInvocationOperation invocation, KnownSymbols known, ConcurrentDictionary<string, string?> acquired,
            ConcurrentBag<(IInvocationOperation, KeyWrite, string)> writes)
        {
            var method = invocation.TargetMethod;
            if (known.IsRedis(method, "LockTake") || (known.IsRedis(method, "StringSet") && IsNotExists(invocation, known)))
            {
                AddAcquired(acquired, invocation.ArgumentAt(0)?.Value, invocation.ArgumentAt(1)?.Value);
                return;
            }

            var found = KeyWrites.Find(invocation, known);
            if (found != null)
            {
                foreach (var write in found)
                {
                    if (KeyShape.Of(write.Key) is { } shape)
                    {
                        writes.Add((invocation, write, shape));
                    }
                }

                return;
            }

            var command = RedisCommands.ExecuteCommand(invocation, known, out var arguments);
            if (command == null || arguments == null || arguments.Length < 2)
            {
                return;
            }

            if (LuaText.IsOneOf(command, "SET"))
            {
                for (var i = 2; i < arguments.Length; i++)
                {
                    if (arguments[i].ConstantString() is { } option && LuaText.IsOneOf(option, "NX"))
                    {
                        AddAcquired(acquired, arguments[0], arguments[1]);
                    }
                }
            }
            else if (LuaText.IsOneOf(command, "SETNX"))
            {
                AddAcquired(acquired, arguments[0], arguments[1]);
            }
        }

        /// <summary>
        /// new Handle(..., key, ...) of another source type: its string/RedisKey arguments are kept, and shaped at the end
        /// only if the type acquired anything (most types creating objects take no lock).
        /// </summary>
        private static void CollectHandle(IObjectCreationOperation creation, ISymbol creator, ConcurrentBag<(INamedTypeSymbol, IArgumentOperation)> handles)
        {
            if (!(creation.Type is INamedTypeSymbol type) || type.DeclaringSyntaxReferences.Length == 0
                || SymbolEqualityComparer.Default.Equals(type, creator))
            {
                return;
            }

            foreach (var argument in creation.Arguments)
            {
                var parameterType = argument.Parameter?.Type;
                if (parameterType != null && (parameterType.SpecialType == SpecialType.System_String || parameterType.Name == "RedisKey"))
                {
                    handles.Add((type, argument));
                }
            }
        }

        private static void ReportHandles(
            SymbolAnalysisContext end, KnownSymbols known, ConcurrentDictionary<string, string?> acquired,
            ConcurrentBag<(INamedTypeSymbol Type, IArgumentOperation Argument)> handles, ConcurrentDictionary<Location, bool> reported)
        {
            if (acquired.IsEmpty)
            {
                return;
            }

            var keyParameters = new Dictionary<INamedTypeSymbol, HashSet<IParameterSymbol>>(SymbolEqualityComparer.Default);
            foreach (var (type, argument) in handles)
            {
                var parameter = argument.Parameter!;
                if (KeyShape.Of(argument.Value) is { } shape && acquired.ContainsKey(shape))
                {
                    if (!keyParameters.TryGetValue(type, out var parameters))
                    {
                        keyParameters[type] = parameters = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
                    }

                    parameters.Add(parameter.OriginalDefinition);
                }
            }

            foreach (var pair in keyParameters)
            {
                foreach (var write in HandleKeyWrites.Find(pair.Key, pair.Value, end.Compilation, known))
                {
                    var location = write.Invocation.Syntax.GetLocation();
                    if (reported.TryAdd(location, true))
                    {
                        end.ReportDiagnostic(Diagnostic.Create(Descriptor, location, write.Call, write.Verb, write.Key.Syntax.ToString()));
                    }
                }
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
