using System.Linq;
using Microsoft.CodeAnalysis;

namespace Locksmith.Generators.Queues.Model
{
    /// <summary>A diagnostic as data (descriptor id, message arguments, location), turned into a Roslyn diagnostic when reported.</summary>
    internal sealed record QueuedDiagnosticSpec(string Id, EquatableArray<string> Arguments, SourceLocationSpec Location)
    {
        public static QueuedDiagnosticSpec Create(DiagnosticDescriptor descriptor, SourceLocationSpec location, params string[] arguments) =>
            new QueuedDiagnosticSpec(descriptor.Id, new EquatableArray<string>(arguments), location);

        public Diagnostic ToDiagnostic() =>
            Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location.ToLocation(), Arguments.ToArray<object>());
    }
}
