using System.Collections.Generic;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>
    /// A LuaScript.Prepare script evaluated with an anonymous parameters object: StackExchange.Redis sends members of
    /// type RedisKey as KEYS and every other member as ARGV. A member that the script passes to redis.call as a key but
    /// that is a string goes through ARGV, out of Cluster's sight. Finds those members.
    /// </summary>
    internal static class PreparedScriptParameters
    {
        private const int MaxDepth = 2;

        // redis.call('cmd', @name ...): the first argument of a command is its key.
        private static readonly Regex KeyParameter = new Regex(@"redis\.p?call\(\s*['""](\w+)['""]\s*,\s*@(\w+)", RegexOptions.CultureInvariant);

        /// <summary>Each (command, member) whose member is bound to a non-RedisKey value although the script uses it as a key.</summary>
        public static IEnumerable<(string Command, IOperation Member, string Name)> NotKeys(IInvocationOperation invocation, KnownSymbols known)
        {
            if (known.LuaScript == null || known.RedisKey == null || !TryGetParts(invocation, known, out var script, out var parameters))
            {
                yield break;
            }

            var text = PreparedText(script!, known, 0);
            if (text == null || !(parameters!.WithoutConversions() is IAnonymousObjectCreationOperation anonymous))
            {
                yield break;
            }

            var keyUses = new Dictionary<string, string>();
            foreach (Match match in KeyParameter.Matches(text))
            {
                if (!keyUses.ContainsKey(match.Groups[2].Value))
                {
                    keyUses[match.Groups[2].Value] = match.Groups[1].Value;
                }
            }

            foreach (var initializer in anonymous.Initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                    && keyUses.TryGetValue(property.Property.Name, out var command)
                    && !SymbolEqualityComparer.Default.Equals(property.Property.Type, known.RedisKey))
                {
                    yield return (command, assignment, property.Property.Name);
                }
            }
        }

        /// <summary>script.Evaluate[Async](db, parameters) or db.ScriptEvaluate[Async](script, parameters).</summary>
        private static bool TryGetParts(IInvocationOperation invocation, KnownSymbols known, out IOperation? script, out IOperation? parameters)
        {
            var method = invocation.TargetMethod;
            script = parameters = null;
            if ((method.Name == "Evaluate" || method.Name == "EvaluateAsync") && KnownSymbols.Is(method.ContainingType, known.LuaScript))
            {
                script = invocation.Instance;
                parameters = invocation.ArgumentAt(1)?.Value;
            }
            else if (method.Name.StartsWith("ScriptEvaluate", System.StringComparison.Ordinal) && known.IsRedisDatabaseMethod(method)
                     && method.Parameters.Length > 1 && KnownSymbols.Is(method.Parameters[0].Type, known.LuaScript))
            {
                script = invocation.ArgumentAt(0)?.Value;
                parameters = invocation.ArgumentAt(1)?.Value;
            }

            return script != null && parameters != null;
        }

        /// <summary>The text given to LuaScript.Prepare, following the script through a local or readonly field.</summary>
        private static string? PreparedText(IOperation script, KnownSymbols known, int depth)
        {
            var value = script.WithoutConversions();
            if (value is IInvocationOperation { TargetMethod.Name: "Prepare" } prepare && KnownSymbols.Is(prepare.TargetMethod.ContainingType, known.LuaScript))
            {
                return ScriptText.Of(prepare.ArgumentAt(0)?.Value);
            }

            return depth < MaxDepth && SourceValue.Initializer(value) is { } initial ? PreparedText(initial, known, depth + 1) : null;
        }
    }
}
