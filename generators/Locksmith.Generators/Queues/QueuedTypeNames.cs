using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Locksmith.Generators.Queues
{
    /// <summary>How the generated registry writes types and names.</summary>
    internal static class QueuedTypeNames
    {
        /// <summary>
        /// For <c>typeof</c> and casts: <c>global::</c>-qualified, no nullable reference annotations (typeof rejects
        /// them) and tuples spelled as <c>ValueTuple</c>, so two spellings of one runtime type read the same.
        /// </summary>
        private static readonly SymbolDisplayFormat RuntimeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.ExpandValueTuple);

        /// <summary>For a type argument standing for a parameter: as declared, nullable annotations included.</summary>
        private static readonly SymbolDisplayFormat DeclaredFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>The type as <c>typeof</c> takes it; <c>dynamic</c>, which typeof rejects, is the <c>object</c> it is at run time.</summary>
        public static string Runtime(ITypeSymbol type) =>
            type.TypeKind == TypeKind.Dynamic ? "object" : type.ToDisplayString(RuntimeFormat);

        /// <summary>
        /// The type as declared; <c>dynamic</c> is read as <c>object</c>, since a dynamic argument would bind the call at
        /// run time, to whichever overload suits the value the serializer produced.
        /// </summary>
        public static string Declared(ITypeSymbol type) =>
            type.TypeKind == TypeKind.Dynamic ? "object" : type.ToDisplayString(DeclaredFormat);

        /// <summary>A member name as written in code: reserved keywords get an <c>@</c>.</summary>
        public static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        /// <summary>A method as a message names it: <c>OrderService.ShipAsync(Order, CancellationToken)</c>.</summary>
        public static string Display(ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);

        /// <summary>Whether <paramref name="type"/> is the named type <c>{namespace}.{metadataName}</c>, generic arity in the name (<c>Task`1</c>).</summary>
        public static bool Is(ITypeSymbol type, string @namespace, string metadataName) =>
            type is INamedTypeSymbol named
            && named.MetadataName == metadataName
            && named.ContainingType == null
            && named.ContainingNamespace?.ToDisplayString() == @namespace;
    }
}
