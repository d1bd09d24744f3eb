using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>
    /// The lock keys a handle type ends without asking the owner. A provider takes the lock and passes the key to the
    /// handle's constructor (<c>new Handle(db, key)</c>); the handle keeps it in a field, a property or a primary
    /// constructor parameter and deletes it in Dispose. Given the constructor parameters that receive an acquired key,
    /// this finds the handle's deletes of those keys. Only handle types created with an acquired key are read, once each.
    /// </summary>
    internal static class HandleKeyWrites
    {
        public static List<KeyWrite> Find(INamedTypeSymbol handle, ICollection<IParameterSymbol> keyParameters, Compilation compilation, KnownSymbols known)
        {
            var writes = new List<KeyWrite>();
            foreach (var reference in handle.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax();

                // The handle usually lives in its own file; its tree is bound here, bounded to handle types created with an acquired key.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
                var model = compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
                var members = MembersFromParameters(declaration, model, handle, keyParameters);
                foreach (var node in declaration.DescendantNodes())
                {
                    if (!(node is InvocationExpressionSyntax) || !(model.GetOperation(node) is IInvocationOperation invocation)
                        || !(KeyWrites.Find(invocation, known) is { } found))
                    {
                        continue;
                    }

                    foreach (var write in found)
                    {
                        var key = write.Key.WithoutConversions();
                        var fromParameter = key is IParameterReferenceOperation parameter && keyParameters.Contains(parameter.Parameter);
                        var fromMember = key is IMemberReferenceOperation member && (member.Instance == null || member.Instance is IInstanceReferenceOperation)
                                         && members.Contains(member.Member);
                        if (fromParameter || fromMember)
                        {
                            writes.Add(write);
                        }
                    }
                }
            }

            return writes;
        }

        /// <summary>Fields and properties the constructor fills from a key parameter: this.key = key; private readonly string key = key;</summary>
        private static HashSet<ISymbol> MembersFromParameters(SyntaxNode declaration, SemanticModel model, INamedTypeSymbol handle, ICollection<IParameterSymbol> keyParameters)
        {
            var members = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var node in declaration.DescendantNodes())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax assignment when assignment.FirstAncestorOrSelf<ConstructorDeclarationSyntax>() != null:
                        if (model.GetOperation(assignment) is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } simple
                            && simple.Value.WithoutConversions() is IParameterReferenceOperation source && keyParameters.Contains(source.Parameter))
                        {
                            members.Add(target.Member);
                        }

                        break;
                    case VariableDeclaratorSyntax { Initializer: { } initializer } field when field.Parent?.Parent is FieldDeclarationSyntax:
                        if (model.GetOperation(initializer.Value)?.WithoutConversions() is IParameterReferenceOperation parameter
                            && keyParameters.Contains(parameter.Parameter) && model.GetDeclaredSymbol(field) is { } fieldSymbol)
                        {
                            members.Add(fieldSymbol);
                        }

                        break;
                }
            }

            // A positional record exposes each primary constructor parameter as a property of the same name.
            if (handle.IsRecord)
            {
                foreach (var parameter in keyParameters)
                {
                    foreach (var property in handle.GetMembers(parameter.Name))
                    {
                        members.Add(property);
                    }
                }
            }

            return members;
        }
    }
}
