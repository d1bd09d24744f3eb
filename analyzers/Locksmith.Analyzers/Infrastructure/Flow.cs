using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>Where a call's value goes within its method: the enclosing body, and the call seen through await and conversions.</summary>
    internal static class Flow
    {
        /// <summary>The root of the operation tree holding <paramref name="operation"/> (a method, lambda or local function body).</summary>
        public static IOperation? Body(IOperation operation)
        {
            var current = operation;
            while (current.Parent != null)
            {
                current = current.Parent;
            }

            return current is IMethodBodyOperation || current is IBlockOperation || current is ILocalFunctionOperation || current is IAnonymousFunctionOperation
                ? current
                : null;
        }

        /// <summary>The call's value as the code receives it: through await, ConfigureAwait and conversions.</summary>
        public static IOperation Result(IOperation call)
        {
            var result = call;
            while (result.Parent is IAwaitOperation || result.Parent is IConversionOperation
                   || (result.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance == result))
            {
                result = result.Parent;
            }

            return result;
        }
    }
}
