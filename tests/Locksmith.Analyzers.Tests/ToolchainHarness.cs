using System.Collections.Immutable;
using Locksmith.Generators.Lua;
using Locksmith.Generators.Queues;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Locksmith.Analyzers.Tests;

/// <summary>
/// Compiles a snippet the way a project referencing the Locksmith package is built: the generators run first, then every
/// analyzer over the generated result. What a user sees is the union, so that is what is returned.
/// </summary>
internal static class ToolchainHarness
{
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(string source)
    {
        var compilation = AnalyzerHarness.Compile(source).WithOptions(
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        AnalyzerHarness.AssertCompiles(compilation);

        CSharpGeneratorDriver
            .Create([new QueuedRegistryGenerator().AsSourceGenerator(), new LuaScriptGenerator().AsSourceGenerator()], parseOptions: AnalyzerHarness.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        var analyzerDiagnostics = await AnalyzerHarness.RunAsync(generated, [.. AnalyzerHarness.AllAnalyzers]);

        return [.. generatorDiagnostics, .. analyzerDiagnostics];
    }
}
