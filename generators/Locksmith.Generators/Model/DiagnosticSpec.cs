using System.Linq;
using Microsoft.CodeAnalysis;

namespace Locksmith.Generators.Model
{
    /// <summary>
    /// A diagnostic as data (descriptor id, message arguments, location), so a parse that found problems caches like any
    /// other; it becomes a Roslyn diagnostic, with its descriptor from <see cref="DiagnosticDescriptors"/>, when reported.
    /// </summary>
    internal sealed record DiagnosticSpec(string Id, EquatableArray<string> Arguments, SourceLocationSpec Location)
    {
        /// <summary>Whether the diagnostic is an error, which keeps its script or method out of the generated code.</summary>
        public bool IsError => DiagnosticDescriptors.ById(Id).DefaultSeverity == DiagnosticSeverity.Error;

        public static DiagnosticSpec Create(DiagnosticDescriptor descriptor, SourceLocationSpec location, params string[] arguments) =>
            new DiagnosticSpec(descriptor.Id, new EquatableArray<string>(arguments), location);

        public static DiagnosticSpec Create(DiagnosticDescriptor descriptor, string filePath, int line, int column, params string[] arguments) =>
            Create(descriptor, SourceLocationSpec.At(filePath, line, column), arguments);

        public Diagnostic ToDiagnostic() =>
            Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location.ToLocation(), Arguments.ToArray<object>());
    }
}
