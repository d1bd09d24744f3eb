using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Infrastructure
{
    internal static class OperationExtensions
    {
        /// <summary>The value under implicit and explicit conversions, including user-defined ones (string to RedisKey).</summary>
        public static IOperation WithoutConversions(this IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>The argument bound to the first parameter of <paramref name="type"/>, if any.</summary>
        public static IArgumentOperation? ArgumentOfType(this IInvocationOperation invocation, ITypeSymbol? type)
        {
            if (type == null)
            {
                return null;
            }

            foreach (var argument in invocation.Arguments)
            {
                var parameterType = argument.Parameter?.Type;
                if (parameterType is INamedTypeSymbol named && named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
                {
                    parameterType = named.TypeArguments[0];
                }

                if (parameterType != null && SymbolEqualityComparer.Default.Equals(parameterType, type))
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>The argument bound to the parameter at <paramref name="ordinal"/>.</summary>
        public static IArgumentOperation? ArgumentAt(this IInvocationOperation invocation, int ordinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>The constant string an operation evaluates to, looking through conversions.</summary>
        public static string? ConstantString(this IOperation operation)
        {
            var value = operation.WithoutConversions().ConstantValue;
            return value.HasValue ? value.Value as string : null;
        }

        /// <summary>The elements passed to a <c>params object[]</c> or array argument written inline, else null.</summary>
        public static IOperation[]? InlineElements(this IArgumentOperation? argument)
        {
            if (argument?.Value.WithoutConversions() is IArrayCreationOperation { Initializer: { } initializer })
            {
                var elements = new IOperation[initializer.ElementValues.Length];
                for (var i = 0; i < elements.Length; i++)
                {
                    elements[i] = initializer.ElementValues[i].WithoutConversions();
                }

                return elements;
            }

            return null;
        }

        /// <summary>Whether the operation is the member <paramref name="name"/> of <paramref name="type"/> (field, property or enum constant).</summary>
        public static bool IsMember(this IOperation operation, INamedTypeSymbol? type, string name)
        {
            if (type == null)
            {
                return false;
            }

            var value = operation.WithoutConversions();
            ISymbol? member = value switch
            {
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };
            if (member != null)
            {
                return member.Name == name && SymbolEqualityComparer.Default.Equals(member.ContainingType, type);
            }

            // An enum constant folded through a cast or a const local still carries the value.
            if (type.TypeKind == TypeKind.Enum && value.ConstantValue.HasValue)
            {
                foreach (var candidate in type.GetMembers(name))
                {
                    if (candidate is IFieldSymbol { HasConstantValue: true } constant && Equals(constant.ConstantValue, value.ConstantValue.Value))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The constant number an operation evaluates to (a numeric constant, or a string holding one, as Redis reads it).</summary>
        public static double? ConstantNumber(this IOperation operation)
        {
            var value = operation.WithoutConversions().ConstantValue;
            if (!value.HasValue || value.Value == null)
            {
                return null;
            }

            if (value.Value is string text)
            {
                return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : (double?)null;
            }

            return value.Value is System.IConvertible && !(value.Value is bool) && !(value.Value is char)
                ? System.Convert.ToDouble(value.Value, System.Globalization.CultureInfo.InvariantCulture)
                : (double?)null;
        }

        /// <summary>Whether the operation is <c>null</c> or <c>default</c>.</summary>
        public static bool IsNullOrDefault(this IOperation operation)
        {
            var value = operation.WithoutConversions();
            return value is IDefaultValueOperation || (value.ConstantValue.HasValue && value.ConstantValue.Value == null);
        }
    }
}
