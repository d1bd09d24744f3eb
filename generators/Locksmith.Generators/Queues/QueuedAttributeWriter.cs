using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Locksmith.Generators.Queues
{
    /// <summary>
    /// Writes the C# expression that rebuilds a method's <c>[QueuedBy]</c> as the runtime object: the constructor
    /// arguments and only the named arguments that were set, each constant written as a literal of its type.
    /// </summary>
    internal static class QueuedAttributeWriter
    {
        public static string Write(AttributeData attribute)
        {
            var b = new StringBuilder("new global::Locksmith.QueuedByAttribute(");
            b.Append(string.Join(", ", attribute.ConstructorArguments.Select(Constant)));
            b.Append(')');
            if (attribute.NamedArguments.Length > 0)
            {
                b.Append(" { ");
                b.Append(string.Join(", ", attribute.NamedArguments.Select(n => QueuedTypeNames.Identifier(n.Key) + " = " + Constant(n.Value))));
                b.Append(" }");
            }

            return b.ToString();
        }

        /// <summary>Whether every constant could be read: an attribute with errors is the compiler's to report.</summary>
        public static bool IsValid(AttributeData attribute) =>
            attribute.AttributeConstructor != null
            && attribute.ConstructorArguments.All(c => c.Kind != TypedConstantKind.Error)
            && attribute.NamedArguments.All(n => n.Value.Kind != TypedConstantKind.Error);

        private static string Constant(TypedConstant constant)
        {
            if (constant.Kind == TypedConstantKind.Array)
            {
                return constant.IsNull
                    ? "null"
                    : $"new {QueuedTypeNames.Runtime(constant.Type!)} {{ {string.Join(", ", constant.Values.Select(Constant))} }}";
            }

            if (constant.IsNull)
            {
                // A null string where the constructor wants a queue name is the runtime's to reject, with its message.
                return constant.Type is { IsReferenceType: true } ? "null!" : "null";
            }

            switch (constant.Kind)
            {
                case TypedConstantKind.Type:
                    return $"typeof({QueuedTypeNames.Runtime((ITypeSymbol)constant.Value!)})";
                case TypedConstantKind.Enum:
                    return $"({QueuedTypeNames.Runtime(constant.Type!)})({Primitive(constant.Value!)})";
                default:
                    // A literal of these types is already of its type; others (long, byte, double...) get a cast.
                    return constant.Value is string || constant.Value is bool || constant.Value is char || constant.Value is int
                        ? Primitive(constant.Value)
                        : $"({QueuedTypeNames.Runtime(constant.Type!)})({Primitive(constant.Value!)})";
            }
        }

        private static string Primitive(object value)
        {
            switch (value)
            {
                case string s: return SymbolDisplay.FormatLiteral(s, quote: true);
                case char c: return SymbolDisplay.FormatLiteral(c, quote: true);
                case bool b: return b ? "true" : "false";
                case double d when double.IsNaN(d): return "double.NaN";
                case double d when double.IsInfinity(d): return d > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
                case float f when float.IsNaN(f): return "float.NaN";
                case float f when float.IsInfinity(f): return f > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
                case double d: return d.ToString("R", CultureInfo.InvariantCulture);
                case float f: return f.ToString("R", CultureInfo.InvariantCulture);
                default: return System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "default";
            }
        }
    }
}
