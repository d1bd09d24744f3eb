using System.Reflection;

namespace Locksmith.Conformance;

/// <summary>Which (backend, suite) pairs a test assembly is missing: every suite must have a subclass per backend.</summary>
public static class ConformanceMatrix
{
    /// <summary>The expected class names (backend + suite name) that <paramref name="testAssembly"/> does not define.</summary>
    /// <param name="testAssembly">The assembly holding the concrete suites.</param>
    /// <param name="backends">The backend name prefixes, such as "Redis".</param>
    public static IReadOnlyList<string> Missing(Assembly testAssembly, params string[] backends) =>
        Missing(typeof(ConformanceTestBase), testAssembly, backends);

    /// <summary>
    /// Like <see cref="Missing(Assembly, string[])"/> for backends that refuse one primitive by design (Redlock refuses
    /// reader-writer locks): every suite but <paramref name="refused"/>, whose refusal the backend's own tests check.
    /// </summary>
    /// <param name="testAssembly">The assembly holding the concrete suites.</param>
    /// <param name="refused">The suite the backends refuse.</param>
    /// <param name="backends">The backend name prefixes.</param>
    public static IReadOnlyList<string> MissingExcept(Assembly testAssembly, Type refused, params string[] backends) =>
        [.. Missing(typeof(ConformanceTestBase), testAssembly, backends).Where(name => !name.EndsWith(refused.Name, StringComparison.Ordinal))];

    /// <summary>The queue suites (<see cref="Queues.QueueConformanceTests"/>) <paramref name="testAssembly"/> does not run on each transport.</summary>
    /// <param name="testAssembly">The assembly holding the concrete suites.</param>
    /// <param name="transports">The transport name prefixes, such as "Redis".</param>
    public static IReadOnlyList<string> MissingQueueSuites(Assembly testAssembly, params string[] transports) =>
        Missing(typeof(Queues.QueueConformanceTests), testAssembly, transports, includeBase: true);

    private static IReadOnlyList<string> Missing(Type root, Assembly testAssembly, string[] backends, bool includeBase = false)
    {
        var suites = typeof(ConformanceTestBase).Assembly.GetExportedTypes()
            .Where(t => t.IsAbstract && (t.IsSubclassOf(root) || (includeBase && t == root)))
            .ToList();
        if (suites.Count == 0)
        {
            throw new InvalidOperationException("No conformance suites found: the matrix check would pass vacuously.");
        }

        var concrete = testAssembly.GetTypes().Where(t => !t.IsAbstract && t.IsSubclassOf(root)).ToList();
        return [.. from suite in suites
                   from backend in backends
                   let expected = backend + suite.Name
                   where !concrete.Any(t => t.Name == expected && (t.IsSubclassOf(suite) || t.BaseType == suite))
                   select expected];
    }
}
