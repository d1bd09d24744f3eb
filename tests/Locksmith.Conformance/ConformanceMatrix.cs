using System.Reflection;

namespace Locksmith.Conformance;

/// <summary>Which (backend, suite) pairs a test assembly is missing: every suite must have a subclass per backend.</summary>
public static class ConformanceMatrix
{
    /// <summary>The expected class names (backend + suite name) that <paramref name="testAssembly"/> does not define.</summary>
    /// <param name="testAssembly">The assembly holding the concrete suites.</param>
    /// <param name="backends">The backend name prefixes, such as "Redis".</param>
    public static IReadOnlyList<string> Missing(Assembly testAssembly, params string[] backends)
    {
        var suites = typeof(ConformanceTestBase).Assembly.GetExportedTypes()
            .Where(t => t.IsAbstract && t.IsSubclassOf(typeof(ConformanceTestBase)))
            .ToList();
        if (suites.Count == 0)
        {
            throw new InvalidOperationException("No conformance suites found: the matrix check would pass vacuously.");
        }

        var concrete = testAssembly.GetTypes().Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(ConformanceTestBase))).ToList();
        return [.. from suite in suites
                   from backend in backends
                   let expected = backend + suite.Name
                   where !concrete.Any(t => t.Name == expected && t.IsSubclassOf(suite))
                   select expected];
    }
}
