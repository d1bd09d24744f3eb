using Microsoft.CodeAnalysis;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>Which method a [ClusterSingleton] runs as the leader's body, as the runtime decides it.</summary>
    internal static class ClusterSingletonTargets
    {
        public const string ExecuteAsync = "ExecuteAsync";

        /// <summary>The body of a marked class: its own ExecuteAsync returning Task and taking a CancellationToken.</summary>
        public static IMethodSymbol? ExecuteAsyncOf(INamedTypeSymbol type, KnownSymbols known)
        {
            foreach (var member in type.GetMembers(ExecuteAsync))
            {
                if (member is IMethodSymbol method && IsRunnable(method, known))
                {
                    return method;
                }
            }

            return null;
        }

        /// <summary>Returns Task and takes a CancellationToken: what the runtime needs to run and to stop the body.</summary>
        public static bool IsRunnable(IMethodSymbol method, KnownSymbols known) =>
            SymbolEqualityComparer.Default.Equals(method.ReturnType, known.Task) && TokenOf(method, known) != null;

        public static IParameterSymbol? TokenOf(IMethodSymbol method, KnownSymbols known)
        {
            foreach (var parameter in method.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, known.CancellationToken))
                {
                    return parameter;
                }
            }

            return null;
        }
    }
}
