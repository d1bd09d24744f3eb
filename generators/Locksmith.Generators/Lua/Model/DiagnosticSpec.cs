using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Locksmith.Generators.Lua.Model
{
    /// <summary>A diagnostic as data (descriptor id, arguments, position), turned into a Roslyn diagnostic when reported.</summary>
    internal sealed record DiagnosticSpec(string Id, EquatableArray<string> Arguments, string FilePath, int Line, int Column, bool IsError)
    {
        public static DiagnosticSpec Create(DiagnosticDescriptor descriptor, string filePath, int line, int column, params string[] arguments) =>
            new DiagnosticSpec(descriptor.Id, new EquatableArray<string>(arguments), filePath, line, column, descriptor.DefaultSeverity == DiagnosticSeverity.Error);

        public Diagnostic ToDiagnostic()
        {
            var position = new LinePosition(System.Math.Max(0, Line - 1), System.Math.Max(0, Column - 1));
            var location = Location.Create(FilePath, default, new LinePositionSpan(position, position));
            return Diagnostic.Create(DiagnosticDescriptors.ById(Id), location, System.Linq.Enumerable.ToArray<object>(Arguments));
        }
    }
}
