using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Basic.Reference.Assemblies;
using Locksmith.Generators.Queues;
using Locksmith.Queues;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Locksmith.Generators.Tests;

/// <summary>Runs the [QueuedBy] registry generator over C# snippets compiled against the real Locksmith, and loads the result.</summary>
internal static class QueuedRegistryHarness
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Locksmith;

        """;

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Assembly LocksmithAssembly = typeof(QueuedMethodRegistry).Assembly;

    public static readonly MetadataReference[] References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(LocksmithAssembly.Location)];

    private static readonly ConstructorInfo ArgumentsConstructor = typeof(QueuedArguments).GetConstructor(
        BindingFlags.Instance | BindingFlags.NonPublic, [typeof(JsonElement[]), typeof(JsonSerializerOptions), typeof(string)])
        ?? throw new InvalidOperationException("QueuedArguments(JsonElement[], JsonSerializerOptions, string) is gone; update the harness.");

    public static CSharpCompilation Compilation(string assemblyName, params string[] sources) =>
        Compilation(assemblyName, References, sources);

    public static CSharpCompilation Compilation(string assemblyName, IEnumerable<MetadataReference> references, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"/src/{assemblyName}/File{i}.cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

    public static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create(
            [new QueuedRegistryGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(CSharpCompilation compilation)
    {
        var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var generated = driver.GetRunResult().Results.Single().GeneratedSources;
        return new GeneratorRun(output, diagnostics, generated.Length == 0 ? null : generated.Single().SourceText.ToString());
    }

    /// <summary>Emits the compilation and loads it next to the Locksmith this test process uses, whose registry its module initializer fills.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        var assembly = new SnippetLoadContext().LoadFromStream(image);
        QueuedMethodRegistry.Load(assembly);
        return assembly;
    }

    /// <summary>A call's arguments as a consumer reads them from an item: each value as JSON, a token's slot left empty.</summary>
    public static QueuedArguments Arguments(params object?[] values)
    {
        var elements = values.Select(v => v switch
        {
            CancellationToken => default,
            JsonElement json => json,
            _ => JsonSerializer.SerializeToElement(v, v?.GetType() ?? typeof(object), JsonSerializerOptions.Default),
        }).ToArray();
        return (QueuedArguments)ArgumentsConstructor.Invoke([elements, JsonSerializerOptions.Default, "test call"]);
    }

    public static QueuedMethod Registered(string id) =>
        QueuedMethodRegistry.Methods.SingleOrDefault(m => m.Id == id)
        ?? throw new Xunit.Sdk.XunitException($"No queued method '{id}' in the registry; it has: {string.Join(", ", QueuedMethodRegistry.Methods.Select(m => m.Id))}");

    internal sealed record GeneratorRun(Compilation Output, ImmutableArray<Diagnostic> Diagnostics, string? Generated)
    {
        public IEnumerable<Diagnostic> CompilerDiagnostics(DiagnosticSeverity atLeast) =>
            Output.GetDiagnostics().Where(d => d.Severity >= atLeast);
    }

    /// <summary>Collectible, and resolving Locksmith to the test's own copy so both sides share one registry and one attribute type.</summary>
    private sealed class SnippetLoadContext() : AssemblyLoadContext("queued-registry-snippet", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == LocksmithAssembly.GetName().Name ? LocksmithAssembly : null;
    }
}
