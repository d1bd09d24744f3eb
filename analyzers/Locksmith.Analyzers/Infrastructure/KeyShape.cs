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
    /// Acquire(id) and in Release(id) are the same key. Null means the shape is not known.
    /// </summary>
    internal static class KeyShape
    {
        private const int MaxDepth = 4;

        public static string? Of(IOperation operation) => Of(operation, 0);

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

        private static string? Of(IOperation operation, int depth)
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
                            IInterpolationOperation { Alignment: null, FormatString: null } hole => Of(hole.Expression, depth + 1),
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
                    var left = Of(add.LeftOperand, depth + 1);
                    var right = Of(add.RightOperand, depth + 1);
                    return left == null || right == null ? null : left + right;
                case IParameterReferenceOperation parameter:
                    return OfParameter(parameter.Parameter.Name);
                case ILocalReferenceOperation local:
                    return Initializer(local, depth) ?? "{l:" + local.Local.Name + "}";
                case IMemberReferenceOperation member when member is IFieldReferenceOperation || member is IPropertyReferenceOperation:
                    if (member.Instance == null || member.Instance is IInstanceReferenceOperation)
                    {
                        return "{f:" + member.Member.ContainingType.Name + "." + member.Member.Name + "}";
                    }

                    var instance = Of(member.Instance, depth + 1);
                    return instance != null && IsAtom(instance) ? instance.Substring(0, instance.Length - 1) + "." + member.Member.Name + "}" : null;
                default:
                    return null;
            }
        }

        /// <summary>A local written once at its declaration is as good as its initializer: var key = $"lock:{id}".</summary>
        private static string? Initializer(ILocalReferenceOperation local, int depth)
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
                return Of(value, depth + 1);
            }

            return null;
        }

        private static bool IsAtom(string shape) =>
            shape.Length > 2 && shape[0] == '{' && shape[1] != '{' && shape.IndexOf('}') == shape.Length - 1;

        private static string Escape(string text) => text.Replace("{", "{{").Replace("}", "}}");
    }
}
