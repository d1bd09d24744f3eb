using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>
    /// The constant Lua text behind a script argument, looking through what public code puts between the literal and the
    /// call: a var local, a static readonly field, a helper method returning the text. Null when the text is not constant.
    /// </summary>
    internal static class ScriptText
    {
        private const int MaxDepth = 3;

        public static string? Of(IOperation? operation) => operation == null ? null : Of(operation, 0);

        /// <summary>The operation that finally holds the text (the literal itself), for locating a diagnostic inside it.</summary>
        public static IOperation? Literal(IOperation? operation)
        {
            for (var depth = 0; operation != null && depth <= MaxDepth; depth++)
            {
                var value = operation.WithoutConversions();
                if (value is ILiteralOperation || value is IBinaryOperation || value is IInterpolatedStringOperation)
                {
                    return value;
                }

                operation = Next(value);
            }

            return null;
        }

        private static string? Of(IOperation operation, int depth)
        {
            var value = operation.WithoutConversions();
            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue.Value as string;
            }

            var next = depth < MaxDepth ? Next(value) : null;
            return next == null ? null : Of(next, depth + 1);
        }

        private static IOperation? Next(IOperation value) => value switch
        {
            ILocalReferenceOperation or IFieldReferenceOperation => SourceValue.Initializer(value),
            IInvocationOperation { Arguments.Length: 0 } call => SourceValue.Returned(call),
            _ => null,
        };
    }
}
