using System.Linq;
using System.Threading;
using Locksmith.Generators.Model;
using Locksmith.Generators.Queues.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Generators.Queues
{
    /// <summary>Turns one method carrying <c>[QueuedBy]</c> into a <see cref="QueuedMethodParse"/>: a spec, or why it cannot be registered.</summary>
    internal static class QueuedRegistryParser
    {
        private const string Tasks = "System.Threading.Tasks";

        public static QueuedMethodParse Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!(context.TargetSymbol is IMethodSymbol method) || context.Attributes.Length == 0)
            {
                return QueuedMethodParse.Skipped;
            }

            // The compiler reports a broken attribute or signature itself; code generated from it would only add errors.
            var attribute = context.Attributes[0];
            if (!QueuedAttributeWriter.IsValid(attribute) || HasErrorTypes(method))
            {
                return QueuedMethodParse.Skipped;
            }

            var location = SourceLocationSpec.From(NameLocation(context.TargetNode));
            var diagnostics = QueuedMethodChecks.Check(method, context.TargetNode, location);
            if (diagnostics.Count > 0)
            {
                return new QueuedMethodParse(null, new EquatableArray<DiagnosticSpec>(diagnostics));
            }

            var parameters = method.Parameters
                .Select(p => new QueuedParameterSpec(
                    QueuedTypeNames.Runtime(p.Type),
                    QueuedTypeNames.Declared(p.Type),
                    QueuedTypeNames.Is(p.Type, "System.Threading", "CancellationToken")))
                .ToList();
            var (returns, resultType) = Result(method);
            var declaringType = QueuedTypeNames.Runtime(method.ContainingType);
            var id = $"{declaringType}.{method.Name}({string.Join(",", parameters.Where(p => !p.IsCancellationToken).Select(p => p.RuntimeType))})";

            var spec = new QueuedMethodSpec(
                declaringType,
                method.Name,
                QueuedTypeNames.Identifier(method.Name),
                method.IsStatic,
                new EquatableArray<QueuedParameterSpec>(parameters),
                returns,
                resultType,
                QueuedAttributeWriter.Write(attribute),
                id,
                QueuedTypeNames.Display(method),
                location);
            return new QueuedMethodParse(spec, default);
        }

        /// <summary>
        /// The method's return kind, by the core's rule (<c>Locksmith.Weaving.ReturnShape.Of</c>): only the exact task
        /// types are awaited, any other type is a value. The emitter writes its invoker from the kind alone.
        /// </summary>
        private static (ReturnKind Kind, string? ResultType) Result(IMethodSymbol method)
        {
            var type = method.ReturnType;
            if (method.ReturnsVoid)
            {
                return (ReturnKind.Void, null);
            }

            if (QueuedTypeNames.Is(type, Tasks, "Task"))
            {
                return (ReturnKind.Task, null);
            }

            if (QueuedTypeNames.Is(type, Tasks, "ValueTask"))
            {
                return (ReturnKind.ValueTask, null);
            }

            var named = type as INamedTypeSymbol;
            if (named != null && QueuedTypeNames.Is(named, Tasks, "Task`1"))
            {
                return (ReturnKind.TaskOfT, QueuedTypeNames.Runtime(named.TypeArguments[0]));
            }

            if (named != null && QueuedTypeNames.Is(named, Tasks, "ValueTask`1"))
            {
                return (ReturnKind.ValueTaskOfT, QueuedTypeNames.Runtime(named.TypeArguments[0]));
            }

            return (ReturnKind.Value, QueuedTypeNames.Runtime(type));
        }

        private static bool HasErrorTypes(IMethodSymbol method) =>
            IsOrHasError(method.ReturnType) || method.Parameters.Any(p => IsOrHasError(p.Type));

        private static bool IsOrHasError(ITypeSymbol type) =>
            type.TypeKind == TypeKind.Error
            || (type is INamedTypeSymbol named && named.TypeArguments.Any(IsOrHasError))
            || (type is IArrayTypeSymbol array && IsOrHasError(array.ElementType));

        /// <summary>Where a diagnostic about the method points: at its name, as the compiler's own do.</summary>
        private static Location NameLocation(SyntaxNode node)
        {
            switch (node)
            {
                case MethodDeclarationSyntax m: return m.Identifier.GetLocation();
                case LocalFunctionStatementSyntax f: return f.Identifier.GetLocation();
                case OperatorDeclarationSyntax o: return o.OperatorToken.GetLocation();
                case ConversionOperatorDeclarationSyntax c: return c.Type.GetLocation();
                case AccessorDeclarationSyntax a: return a.Keyword.GetLocation();
                case DestructorDeclarationSyntax d: return d.Identifier.GetLocation();
                case LambdaExpressionSyntax l: return l.ArrowToken.GetLocation();
                default: return node.GetLocation();
            }
        }
    }
}
