using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>
    /// Where a value written once comes from: the initializer of a local or a readonly field, or the single returned
    /// expression of a helper method (<c>static string LockKey(string id) => "lock:" + id;</c>). Real lock code keeps keys
    /// and scripts in such places, so the rules look through them. Only declarations in the same file are followed: the
    /// operation's own semantic model answers for them, no other tree is bound.
    /// </summary>
    internal static class SourceValue
    {
        /// <summary>The initializer of a local declared once, or of a readonly/const field; null when there is none to follow.</summary>
        public static IOperation? Initializer(IOperation reference)
        {
            var model = reference.SemanticModel;
            ISymbol? symbol = reference switch
            {
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation { Field.IsReadOnly: true } field => field.Field,
                IFieldReferenceOperation { Field.IsConst: true } constant => constant.Field,
                _ => null,
            };
            if (model == null || symbol == null || symbol.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            // A local assigned again after its declaration may hold anything; it is not followed.
            if (symbol is ILocalSymbol && IsReassigned(reference, (ILocalSymbol)symbol))
            {
                return null;
            }

            return symbol.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer: { } initializer }
                   && initializer.SyntaxTree == model.SyntaxTree
                ? model.GetOperation(initializer.Value)
                : null;
        }

        /// <summary>
        /// The expression a source method returns when that is all it does (an expression body or one return statement),
        /// with the method, so the caller can bind its parameters to the call's arguments. Null for anything else.
        /// </summary>
        public static IOperation? Returned(IInvocationOperation call)
        {
            var model = call.SemanticModel;
            var method = call.TargetMethod;
            if (model == null || method.IsAbstract || method.IsVirtual || method.IsExtern || method.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
            if (syntax.SyntaxTree != model.SyntaxTree || !(syntax is MethodDeclarationSyntax declaration))
            {
                return null;
            }

            ExpressionSyntax? returned = declaration.ExpressionBody?.Expression;
            if (returned == null && declaration.Body is { Statements: { Count: 1 } statements } && statements[0] is ReturnStatementSyntax { Expression: { } value })
            {
                returned = value;
            }

            return returned == null ? null : model.GetOperation(returned);
        }

        private static bool IsReassigned(IOperation reference, ILocalSymbol local)
        {
            var root = reference;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            foreach (var operation in root.Descendants())
            {
                if (operation is IAssignmentOperation { Target: ILocalReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Local, local))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
