using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>Recognises the StackExchange.Redis calls the rules look at: scripts, raw commands, lock primitives.</summary>
    internal static class RedisCommands
    {
        /// <summary>
        /// The argument holding Lua source: ScriptEvaluate[ReadOnly][Async](string, ...), LuaScript.Prepare(string), or
        /// Execute[Async]("EVAL"/"EVAL_RO", script, ...). Null when the invocation takes no script text.
        /// </summary>
        public static IOperation? ScriptArgument(IInvocationOperation invocation, KnownSymbols known)
        {
            var method = invocation.TargetMethod;
            if (method.Name == "Prepare" && KnownSymbols.Is(method.ContainingType, known.LuaScript))
            {
                return invocation.ArgumentAt(0)?.Value;
            }

            if (!known.IsRedisDatabaseMethod(method))
            {
                return null;
            }

            if (method.Name.StartsWith("ScriptEvaluate", StringComparison.Ordinal)
                && method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_String)
            {
                return invocation.ArgumentAt(0)?.Value;
            }

            var command = ExecuteCommand(invocation, known, out var arguments);
            if (command != null && (command.Equals("EVAL", StringComparison.OrdinalIgnoreCase) || command.Equals("EVAL_RO", StringComparison.OrdinalIgnoreCase))
                && arguments != null && arguments.Length > 0)
            {
                return arguments[0];
            }

            return null;
        }

        /// <summary>The command name of Execute[Async](command, args) and its inline arguments (null when not written inline).</summary>
        public static string? ExecuteCommand(IInvocationOperation invocation, KnownSymbols known, out IOperation[]? arguments)
        {
            arguments = null;
            var method = invocation.TargetMethod;
            if (!(method.Name == "Execute" || method.Name == "ExecuteAsync") || !known.IsRedisDatabaseMethod(method)
                || method.Parameters.Length < 2 || method.Parameters[0].Type.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            arguments = invocation.ArgumentAt(1).InlineElements();
            return invocation.ArgumentAt(0)?.Value.ConstantString();
        }
    }
}
