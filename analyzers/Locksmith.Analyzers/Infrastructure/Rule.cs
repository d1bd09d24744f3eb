using Microsoft.CodeAnalysis;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>Builds descriptors with the help link every rule carries.</summary>
    internal static class Rule
    {
        public static DiagnosticDescriptor Create(
            string id, string title, string message, string category, DiagnosticSeverity severity, string description) =>
            new DiagnosticDescriptor(
                id, title, message, category, severity, isEnabledByDefault: true, description: description,
                helpLinkUri: RuleIdentifiers.HelpLink(id));
    }
}
