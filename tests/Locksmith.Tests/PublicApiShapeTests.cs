namespace Locksmith.Tests;

public sealed class PublicApiShapeTests
{
    // Base classes that backends derive from on purpose; anything else left open is an accident.
    private static readonly Type[] DesignedForInheritance = [typeof(LocksmithBackendException)];

    [Fact]
    public void Public_classes_are_sealed_static_or_abstract_by_design()
    {
        var open = typeof(ILockProvider).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract && !DesignedForInheritance.Contains(t))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(open);
    }

    [Fact]
    public void Public_async_methods_take_a_cancellation_token_last()
    {
        var offenders = typeof(ILockProvider).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly))
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal) && m.Name != "DisposeAsync")
            .Where(m => m.GetParameters() is not [.., { ParameterType: var last }] || last != typeof(CancellationToken))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.Empty(offenders);
    }
}
