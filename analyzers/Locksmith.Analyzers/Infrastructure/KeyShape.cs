using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>
    /// A canonical text for how a key is built, so two expressions (or an expression and a key template) can be compared:
    /// literal text with braces doubled, and <c>{p:name.Member}</c> for a parameter, <c>{l:name}</c> for a local,
    /// <c>{f:Type.Member}</c> for a field or property of the type. Parameters compare by name, so "lock:{id}" built in
    /// Acquire(id) and in Release(id) are the same key. A call to a helper that only returns a key
    /// (<c>LockKey(id)</c>) has the shape of what it returns, its parameters bound to the call's arguments, so a key built
    /// by a helper on one side and spelled out on the other still matches. Null means the shape is not known.
    /// </summary>
    internal static class KeyShape
    {
        private const int MaxDepth = 4;

        public static string? Of(IOperation operation) => Of(operation, 0, null);

        /// <summary>The shape of a key template, each placeholder's parameter given its shape by <paramref name="parameter"/>.</summary>
        public static string? OfTemplate(KeyTemplateSyntax template, Func<string, string?> parameter)
        {
            if (template.Error != null)
            {
                return null;
            }

            var shape = new StringBuilder();
            foreach (var part in template.Parts)
            {
                if (part.Path == null)
                {
                    shape.Append(Escape(part.Text!));
                    continue;
                }

                var root = parameter(part.Path[0].Identifier);
                if (root == null)
                {
                    return null;
                }

                var members = string.Concat(part.Path.Skip(1).Select(n => "." + n.Identifier));
                if (members.Length == 0)
                {
                    shape.Append(root);
                }
                else if (IsAtom(root))
                {
                    shape.Append(root, 0, root.Length - 1).Append(members).Append('}');
                }
                else
                {
                    return null;
                }
            }

            return shape.ToString();
        }

        /// <summary>The shape of a parameter of the method that declares the template.</summary>
        public static string OfParameter(string name) => "{p:" + name + "}";

        /// <param name="bound">Inside a helper: the shapes of the arguments its parameters are bound to.</param>
        private static string? Of(IOperation operation, int depth, Binding? bound)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            var value = operation.WithoutConversions();
            if (value.ConstantValue.HasValue && value.ConstantValue.Value != null)
            {
                return Escape(Convert.ToString(value.ConstantValue.Value, CultureInfo.InvariantCulture) ?? string.Empty);
            }

            switch (value)
            {
                case IInterpolatedStringOperation interpolated:
                    var text = new StringBuilder();
                    foreach (var part in interpolated.Parts)
                    {
                        string? piece = part switch
                        {
                            IInterpolatedStringTextOperation literal => Escape(literal.Text.ConstantValue.Value as string ?? string.Empty),
                            IInterpolationOperation { Alignment: null, FormatString: null } hole => Of(hole.Expression, depth + 1, bound),
                            _ => null,
                        };
                        if (piece == null)
                        {
                            return null;
                        }

                        text.Append(piece);
                    }

                    return text.ToString();
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add when add.Type?.SpecialType == SpecialType.System_String:
                    var left = Of(add.LeftOperand, depth + 1, bound);
                    var right = Of(add.RightOperand, depth + 1, bound);
                    return left == null || right == null ? null : left + right;
                case IParameterReferenceOperation parameter when bound != null:
                    return bound.Of(parameter.Parameter);
                case IParameterReferenceOperation parameter:
                    return OfParameter(parameter.Parameter.Name);
                case ILocalReferenceOperation local:
                    return Initializer(local, depth, bound) ?? "{l:" + local.Local.Name + "}";
                case IInvocationOperation call:
                    return OfHelper(call, depth, bound);
                case IMemberReferenceOperation member when member is IFieldReferenceOperation || member is IPropertyReferenceOperation:
                    if (member.Instance == null || member.Instance is IInstanceReferenceOperation)
                    {
                        return "{f:" + member.Member.ContainingType.Name + "." + member.Member.Name + "}";
                    }

                    var instance = Of(member.Instance, depth + 1, bound);
                    return instance != null && IsAtom(instance) ? instance.Substring(0, instance.Length - 1) + "." + member.Member.Name + "}" : null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// A helper returning a key: the shape of its returned expression with each parameter replaced by the shape of the
        /// argument passed for it. A helper in another file (not followed) still has a stable shape: its name and arguments.
        /// </summary>
        private static string? OfHelper(IInvocationOperation call, int depth, Binding? bound)
        {
            var arguments = new string?[call.TargetMethod.Parameters.Length];
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter != null)
                {
                    arguments[argument.Parameter.Ordinal] = Of(argument.Value, depth + 1, bound);
                }
            }

            var returned = SourceValue.Returned(call);
            if (returned != null && depth + 1 <= MaxDepth)
            {
                return Of(returned, depth + 1, new Binding(call.TargetMethod, arguments));
            }

            if (call.TargetMethod.DeclaringSyntaxReferences.Length == 0 || arguments.Any(a => a == null))
            {
                return null;
            }

            return "{m:" + call.TargetMethod.ContainingType.Name + "." + call.TargetMethod.Name + "(" + string.Join(",", arguments) + ")}";
        }

        /// <summary>A local written once at its declaration is as good as its initializer: var key = $"lock:{id}".</summary>
        private static string? Initializer(ILocalReferenceOperation local, int depth, Binding? bound)
        {
            var model = local.SemanticModel;
            if (model == null || local.Local.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            if (local.Local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer: { } initializer }
                && initializer.SyntaxTree == model.SyntaxTree
                && model.GetOperation(initializer.Value) is { } value)
            {
                return Of(value, depth + 1, bound);
            }

            return null;
        }

        /// <summary>The argument shapes a helper's parameters stand for while its returned expression is shaped.</summary>
        private sealed class Binding
        {
            private readonly IMethodSymbol method;
            private readonly string?[] arguments;

            public Binding(IMethodSymbol method, string?[] arguments)
            {
                this.method = method;
                this.arguments = arguments;
            }

            public string? Of(IParameterSymbol parameter) =>
                SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method) && parameter.Ordinal < arguments.Length
                    ? arguments[parameter.Ordinal]
                    : null;
        }

        private static bool IsAtom(string shape) =>
            shape.Length > 2 && shape[0] == '{' && shape[1] != '{' && shape.IndexOf('}') == shape.Length - 1;

        private static string Escape(string text) => text.Replace("{", "{{").Replace("}", "}}");
    }
}
