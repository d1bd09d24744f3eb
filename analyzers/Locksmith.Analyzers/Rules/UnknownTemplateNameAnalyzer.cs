using System.Collections.Immutable;
using System.Linq;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Locksmith.Analyzers.Rules
{
    /// <summary>
    /// LSM006: a key template placeholder that names no parameter of the method, or a member its type does not have
    /// (public instance property or field, as the runtime binds them). The runtime would throw on the first call.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnknownTemplateNameAnalyzer : LocksmithAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIdentifiers.UnknownTemplateName,
            "Key template names an unknown parameter or member",
            "[{0}] key template \"{1}\": {2}",
            RuleCategories.Usage,
            DiagnosticSeverity.Error,
            "Every placeholder of a key template must name a parameter of the method, then public properties or fields of its type.");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override bool IsRelevant(KnownSymbols known) => known.DistributedLock != null || known.Semaphore != null || known.QueuedBy != null || known.RateLimit != null;

        internal override void Register(CompilationStartAnalysisContext context, KnownSymbols known) =>
            context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method);

        private static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
        {
            var method = (IMethodSymbol)context.Symbol;
            foreach (var site in TemplateSites.Of(method, known))
            {
                foreach (var part in site.Parsed.Parts)
                {
                    if (part.Path == null)
                    {
                        continue;
                    }

                    var root = part.Path[0];
                    var parameter = method.Parameters.FirstOrDefault(p => p.Name == root.Identifier);
                    if (parameter == null)
                    {
                        var names = method.Parameters.Length == 0 ? "it has none" : "it has " + string.Join(", ", method.Parameters.Select(p => p.Name));
                        Report(context, site, root, $"'{root.Identifier}' is not a parameter of {method.Name} ({names})");
                        continue;
                    }

                    var type = parameter.Type;
                    var description = parameter.Name;
                    foreach (var name in part.Path.Skip(1))
                    {
                        if (type is ITypeParameterSymbol || type.TypeKind == TypeKind.Dynamic || type.TypeKind == TypeKind.Error)
                        {
                            break;
                        }

                        type = Unwrap(type);
                        var member = FindMember(type, name.Identifier);
                        if (member == null)
                        {
                            Report(context, site, name, $"{description} (of type {type.Name}) has no public property or field '{name.Identifier}'");
                            break;
                        }

                        description += "." + name.Identifier;
                        type = member;
                    }
                }
            }
        }

        private static void Report(SymbolAnalysisContext context, TemplateSite site, TemplateName name, string problem) =>
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, site.LocationOf(name.Position, name.Name.Length), site.Attribute, site.Template, problem));

        private static ITypeSymbol Unwrap(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

        /// <summary>The type of the public instance property or field <paramref name="name"/>, searching base types and, for interfaces, inherited interfaces.</summary>
        private static ITypeSymbol? FindMember(ITypeSymbol type, string name)
        {
            var candidates = type.TypeKind == TypeKind.Interface ? new[] { type }.Concat(type.AllInterfaces) : Bases(type);
            foreach (var candidate in candidates)
            {
                foreach (var member in candidate.GetMembers(name))
                {
                    if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public)
                    {
                        continue;
                    }

                    if (member is IPropertySymbol { IsIndexer: false } property)
                    {
                        return property.Type;
                    }

                    if (member is IFieldSymbol field)
                    {
                        return field.Type;
                    }
                }
            }

            return null;
        }

        private static System.Collections.Generic.IEnumerable<ITypeSymbol> Bases(ITypeSymbol type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                yield return current;
            }
        }
    }
}
