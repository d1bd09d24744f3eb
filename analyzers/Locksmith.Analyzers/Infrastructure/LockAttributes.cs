using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>Finding Locksmith's attributes on a method and the syntax of their arguments.</summary>
    internal static class LockAttributes
    {
        public static AttributeData? Find(ISymbol symbol, INamedTypeSymbol? attributeType)
        {
            if (attributeType == null)
            {
                return null;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                {
                    return attribute;
                }
            }

            return null;
        }

        /// <summary>The value of named argument <paramref name="name"/>, or default when not set.</summary>
        public static TypedConstant Named(AttributeData attribute, string name)
        {
            foreach (var pair in attribute.NamedArguments)
            {
                if (pair.Key == name)
                {
                    return pair.Value;
                }
            }

            return default;
        }

        public static string? NamedString(AttributeData attribute, string name) => Named(attribute, name).Value as string;

        public static ImmutableArray<TypedConstant> Constructor(AttributeData attribute) => attribute.ConstructorArguments;

        public static AttributeSyntax? Syntax(AttributeData attribute) =>
            attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;

        /// <summary>The expression of positional argument <paramref name="index"/> as written.</summary>
        public static ExpressionSyntax? PositionalSyntax(AttributeData attribute, int index)
        {
            var arguments = Syntax(attribute)?.ArgumentList?.Arguments;
            if (arguments == null)
            {
                return null;
            }

            var position = 0;
            foreach (var argument in arguments)
            {
                if (argument.NameEquals != null)
                {
                    continue;
                }

                if (position++ == index)
                {
                    return argument.Expression;
                }
            }

            return null;
        }

        /// <summary>The expression of named argument <paramref name="name"/> (<c>Ttl = "30s"</c>) as written.</summary>
        public static ExpressionSyntax? NamedSyntax(AttributeData attribute, string name)
        {
            var arguments = Syntax(attribute)?.ArgumentList?.Arguments;
            if (arguments == null)
            {
                return null;
            }

            foreach (var argument in arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return argument.Expression;
                }
            }

            return null;
        }
    }
}
