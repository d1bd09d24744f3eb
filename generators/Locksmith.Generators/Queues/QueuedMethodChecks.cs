using System.Collections.Generic;
using System.Linq;
using Locksmith.Generators.Model;
using Locksmith.Generators.Queues.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Generators.Queues
{
    /// <summary>
    /// Every rule on a <c>[QueuedBy]</c> method's shape and signature: what the generated registry cannot call and what
    /// cannot travel through the queue. A method with any of them is reported and left out of the registry, so the
    /// generated code always compiles. The analyzers leave these to the generator, so each mistake is reported once.
    /// </summary>
    internal static class QueuedMethodChecks
    {
        public static List<DiagnosticSpec> Check(IMethodSymbol method, SyntaxNode declaration, SourceLocationSpec location)
        {
            var diagnostics = new List<DiagnosticSpec>();
            var display = QueuedTypeNames.Display(method);

            // A method the registry cannot name has no accessibility, generics or body worth reporting on.
            var notCallable = NotCallable(method);
            if (notCallable != null)
            {
                diagnostics.Add(DiagnosticSpec.Create(DiagnosticDescriptors.QueuedMethodNotCallable, location, display, notCallable));
                return diagnostics;
            }

            var inaccessible = Inaccessible(method);
            if (inaccessible != null)
            {
                diagnostics.Add(DiagnosticSpec.Create(DiagnosticDescriptors.QueuedMethodNotAccessible, location, display, inaccessible));
            }

            var generic = Generic(method);
            if (generic != null)
            {
                diagnostics.Add(DiagnosticSpec.Create(DiagnosticDescriptors.QueuedMethodGeneric, location, display, generic));
            }

            var withoutBody = WithoutBody(method);
            if (withoutBody != null)
            {
                diagnostics.Add(DiagnosticSpec.Create(DiagnosticDescriptors.QueuedMethodWithoutBody, location, display, withoutBody));
            }

            var parameterSyntax = (declaration as BaseMethodDeclarationSyntax)?.ParameterList.Parameters
                ?? (declaration as LocalFunctionStatementSyntax)?.ParameterList.Parameters;
            foreach (var parameter in method.Parameters)
            {
                var problem = ParameterProblem(parameter);
                if (problem != null)
                {
                    var at = parameterSyntax is { } list && parameter.Ordinal < list.Count
                        ? SourceLocationSpec.From(list[parameter.Ordinal].GetLocation())
                        : location;
                    diagnostics.Add(DiagnosticSpec.Create(DiagnosticDescriptors.QueuedSignatureCannotTravel, at, display, $"parameter '{parameter.Name}' {problem}"));
                }
            }

            var resultProblem = ResultProblem(method);
            if (resultProblem != null)
            {
                var returnType = declaration is MethodDeclarationSyntax m ? m.ReturnType is RefTypeSyntax byRef ? byRef.Type : m.ReturnType : null;
                var at = returnType != null ? SourceLocationSpec.From(returnType.GetLocation()) : location;
                diagnostics.Add(DiagnosticSpec.Create(DiagnosticDescriptors.QueuedSignatureCannotTravel, at, display, "it " + resultProblem));
            }

            return diagnostics;
        }

        private static string? NotCallable(IMethodSymbol method)
        {
            switch (method.MethodKind)
            {
                case MethodKind.Ordinary:
                    break;
                case MethodKind.LocalFunction:
                    return "is a local function";
                case MethodKind.AnonymousFunction:
                    return "is a lambda";
                case MethodKind.ExplicitInterfaceImplementation:
                    return "is an explicit interface implementation";
                case MethodKind.UserDefinedOperator:
                case MethodKind.BuiltinOperator:
                case MethodKind.Conversion:
                    return "is an operator";
                case MethodKind.PropertyGet:
                case MethodKind.PropertySet:
                case MethodKind.EventAdd:
                case MethodKind.EventRemove:
                case MethodKind.EventRaise:
                    return "is an accessor";
                case MethodKind.Destructor:
                    return "is a finalizer";
                default:
                    return "is not an ordinary method";
            }

            var type = method.ContainingType;
            if (type.TypeKind != TypeKind.Class && type.TypeKind != TypeKind.Struct && type.TypeKind != TypeKind.Interface)
            {
                return $"is declared in '{QueuedTypeNames.Display(type)}', which is not a class, struct or interface";
            }

            if (!method.IsStatic && type.IsRefLikeType)
            {
                return $"is an instance method of the ref struct '{QueuedTypeNames.Display(type)}', which cannot be a service";
            }

            return null;
        }

        /// <summary>The generated code lives in the same assembly: it reaches public, internal and protected internal members of non-file-local types.</summary>
        private static string? Inaccessible(IMethodSymbol method)
        {
            var own = Restriction(method.DeclaredAccessibility);
            if (own != null)
            {
                return "is " + own;
            }

            for (var type = method.ContainingType; type != null; type = type.ContainingType)
            {
                if (type.IsFileLocal)
                {
                    return $"is declared in the file-local type '{QueuedTypeNames.Display(type)}'";
                }

                var restriction = Restriction(type.DeclaredAccessibility);
                if (restriction != null)
                {
                    return $"is declared in the {restriction} type '{QueuedTypeNames.Display(type)}'";
                }
            }

            return null;
        }

        private static string? Restriction(Accessibility accessibility)
        {
            switch (accessibility)
            {
                case Accessibility.Public:
                case Accessibility.Internal:
                case Accessibility.ProtectedOrInternal:
                    return null;
                case Accessibility.Protected:
                    return "protected";
                case Accessibility.ProtectedAndInternal:
                    return "private protected";
                default:
                    return "private";
            }
        }

        private static string? Generic(IMethodSymbol method)
        {
            if (method.IsGenericMethod)
            {
                return $"has type parameters <{string.Join(", ", method.TypeParameters.Select(t => t.Name))}>";
            }

            for (var type = method.ContainingType; type != null; type = type.ContainingType)
            {
                if (type.TypeParameters.Length > 0)
                {
                    return $"is declared in the generic type '{QueuedTypeNames.Display(type)}'";
                }
            }

            return null;
        }

        private static string? WithoutBody(IMethodSymbol method)
        {
            if (method.IsAbstract)
            {
                return method.ContainingType.TypeKind == TypeKind.Interface ? "is an interface member without a body" : "is abstract";
            }

            if (method.IsExtern)
            {
                return "is extern";
            }

            if (method.IsPartialDefinition && method.PartialImplementationPart == null)
            {
                return "is a partial method without an implementation";
            }

            return null;
        }

        private static string? ParameterProblem(IParameterSymbol parameter)
        {
            switch (parameter.RefKind)
            {
                case RefKind.None:
                    break;
                case RefKind.Out:
                    return "is an out parameter";
                case RefKind.In:
                    return "is an in parameter";
                case RefKind.Ref:
                    return "is passed by reference";
                default:
                    return "is a ref readonly parameter";
            }

            return TypeProblem(parameter.Type) ?? NotData(parameter.Type);
        }

        /// <summary>
        /// Types the invoker could pass but the queue cannot carry: a delegate or a stream is not data, so the call would
        /// only fail at run time (the serializer refuses it), and a consumer in another process could not rebuild one.
        /// </summary>
        private static string? NotData(ITypeSymbol type)
        {
            if (type.TypeKind == TypeKind.Delegate || type.SpecialType == SpecialType.System_Delegate || type.SpecialType == SpecialType.System_MulticastDelegate)
            {
                return "is a delegate";
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (QueuedTypeNames.Is(current, "System.IO", "Stream"))
                {
                    return "is a stream";
                }
            }

            return null;
        }

        /// <summary>
        /// What keeps the result from travelling back: a reference (the caller would get a copy, not the location), a type
        /// the invoker cannot hold, or, awaited or not, something that is not data.
        /// </summary>
        private static string? ResultProblem(IMethodSymbol method)
        {
            if (method.ReturnsVoid)
            {
                return null;
            }

            if (method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                return "returns by reference";
            }

            var problem = TypeProblem(method.ReturnType) ?? NotData(AwaitedResult(method.ReturnType));
            return problem == null ? null : "returns " + problem.Substring("is ".Length);
        }

        /// <summary>The T of Task&lt;T&gt; or ValueTask&lt;T&gt;, which the consumer sends back; otherwise the type itself.</summary>
        private static ITypeSymbol AwaitedResult(ITypeSymbol type) =>
            type is INamedTypeSymbol named
            && (QueuedTypeNames.Is(named, "System.Threading.Tasks", "Task`1") || QueuedTypeNames.Is(named, "System.Threading.Tasks", "ValueTask`1"))
                ? named.TypeArguments[0]
                : type;

        private static string? TypeProblem(ITypeSymbol type)
        {
            if (type.TypeKind == TypeKind.Pointer || type.TypeKind == TypeKind.FunctionPointer)
            {
                return "is a pointer";
            }

            if (type.IsRefLikeType)
            {
                return $"is a ref struct ({QueuedTypeNames.Display(type)})";
            }

            return null;
        }
    }
}
