using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>
    /// Every way a StackExchange.Redis call can end a lock without asking its owner: delete it (KeyDelete, StringGetDelete,
    /// an expiry of zero or less, DEL/UNLINK/GETDEL through Execute) or make it permanent (KeyPersist, KeyExpire with a
    /// null expiry, PERSIST through Execute). A delete queued in a transaction guarded by Condition.StringEqual is a
    /// compare-and-delete and is not one of them.
    /// </summary>
    internal static class KeyWrites
    {
        public const string Deletes = "deletes";

        public const string Persists = "removes the expiry of";

        /// <summary>The keys <paramref name="invocation"/> deletes or persists, with what it does to them; null when none.</summary>
        public static List<KeyWrite>? Find(IInvocationOperation invocation, KnownSymbols known)
        {
            var method = invocation.TargetMethod;
            if (!known.IsRedisDatabaseMethod(method))
            {
                return null;
            }

            var key = invocation.ArgumentAt(0)?.Value;
            if (known.IsRedis(method, "KeyDelete") || known.IsRedis(method, "StringGetDelete"))
            {
                if (IsGuardedTransaction(invocation))
                {
                    return null;
                }

                var keys = key?.Type is IArrayTypeSymbol ? invocation.ArgumentAt(0).InlineElements() : key == null ? null : new[] { key };
                return Writes(invocation, keys, method.Name, Deletes);
            }

            if (known.IsRedis(method, "KeyPersist"))
            {
                return Writes(invocation, key == null ? null : new[] { key }, method.Name, Persists);
            }

            if (known.IsRedis(method, "KeyExpire") && key != null && invocation.ArgumentAt(1) is { } expiry)
            {
                if (expiry.Value.IsNullOrDefault() && expiry.Parameter?.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
                {
                    return Writes(invocation, new[] { key }, method.Name, Persists);
                }

                var ms = TimeSpanValue.Milliseconds(expiry.Value, known);
                return ms != null && ms <= 0 && ms != -1 ? Writes(invocation, new[] { key }, method.Name, Deletes) : null;
            }

            var command = RedisCommands.ExecuteCommand(invocation, known, out var arguments);
            if (command == null || arguments == null || arguments.Length == 0)
            {
                return null;
            }

            var name = method.Name + "(\"" + command + "\")";
            if (LuaText.IsOneOf(command, "DEL", "UNLINK"))
            {
                return Writes(invocation, arguments, name, Deletes);
            }

            if (LuaText.IsOneOf(command, "GETDEL"))
            {
                return Writes(invocation, new[] { arguments[0] }, name, Deletes);
            }

            if (LuaText.IsOneOf(command, "PERSIST"))
            {
                return Writes(invocation, new[] { arguments[0] }, name, Persists);
            }

            if (LuaText.IsOneOf(command, "EXPIRE", "PEXPIRE") && arguments.Length >= 2
                && arguments[1].ConstantNumber() <= 0)
            {
                return Writes(invocation, new[] { arguments[0] }, name, Deletes);
            }

            return null;
        }

        private static List<KeyWrite>? Writes(IInvocationOperation invocation, IEnumerable<IOperation>? keys, string name, string verb)
        {
            if (keys == null)
            {
                return null;
            }

            var writes = new List<KeyWrite>();
            foreach (var key in keys)
            {
                writes.Add(new KeyWrite(invocation, key, name, verb));
            }

            return writes;
        }

        /// <summary>
        /// tran.AddCondition(Condition.StringEqual(key, token)) on the transaction the delete is queued in: Redis runs the
        /// delete only if the key still holds the token, atomically (WATCH + MULTI/EXEC).
        /// </summary>
        private static bool IsGuardedTransaction(IInvocationOperation delete)
        {
            if (!(delete.Instance?.WithoutConversions() is ILocalReferenceOperation transaction))
            {
                return false;
            }

            var root = delete as IOperation;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            foreach (var operation in root.Descendants())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "AddCondition" } add
                    && add.Instance?.WithoutConversions() is ILocalReferenceOperation target
                    && SymbolEqualityComparer.Default.Equals(target.Local, transaction.Local)
                    && add.Arguments.Length > 0
                    && add.Arguments[0].Value.WithoutConversions() is IInvocationOperation { TargetMethod.Name: "StringEqual" } condition
                    && condition.TargetMethod.ContainingType?.Name == "Condition")
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>One key a call deletes or persists.</summary>
    internal sealed class KeyWrite
    {
        public KeyWrite(IInvocationOperation invocation, IOperation key, string call, string verb)
        {
            Invocation = invocation;
            Key = key;
            Call = call;
            Verb = verb;
        }

        public IInvocationOperation Invocation { get; }

        public IOperation Key { get; }

        /// <summary>The call as the message names it: KeyDeleteAsync, Execute("DEL").</summary>
        public string Call { get; }

        /// <summary><see cref="KeyWrites.Deletes"/> or <see cref="KeyWrites.Persists"/>.</summary>
        public string Verb { get; }
    }
}
