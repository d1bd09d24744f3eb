using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Locksmith.Generators.Lua;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Locksmith.Generators.Tests;

/// <summary>Runs the Lua generator over in-memory .lua files and a real C# compilation.</summary>
internal static class GeneratorHarness
{
    public static readonly MetadataReference[] References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(StackExchange.Redis.IDatabase).Assembly.Location)];

    public static CSharpCompilation Compilation(bool withRedis = true, params string[] sources) =>
        CSharpCompilation.Create(
            "Scripts" + Guid.NewGuid().ToString("N"),
            sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))),
            withRedis ? References : Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(params (string Path, string Text)[] scripts) =>
        Driver(scripts.Select(s => Text(s.Path, s.Text)).ToArray());

    public static AdditionalText Text(string path, string text) => new InMemoryAdditionalText(path, text);

    public static GeneratorDriver Driver(params AdditionalText[] scripts) => Driver("App", scripts);

    public static GeneratorDriver Driver(string rootNamespace, params AdditionalText[] scripts) =>
        CSharpGeneratorDriver.Create(
            [new LuaScriptGenerator().AsSourceGenerator()],
            scripts,
            new CSharpParseOptions(LanguageVersion.Latest),
            new OptionsProvider(new Dictionary<string, string> { ["build_property.RootNamespace"] = rootNamespace }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static (Compilation Output, ImmutableArray<Diagnostic> Diagnostics, GeneratorDriverRunResult Result) Run(
        CSharpCompilation compilation, params (string Path, string Text)[] scripts)
    {
        var driver = Driver(scripts).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (output, diagnostics, driver.GetRunResult());
    }

    public static (string Path, string Text) Script(string name) =>
        ("/src/Scripts/" + name, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scripts", name)));

    public static (string Path, string Text) Inline(string name, string text) => ("/src/Scripts/" + name, text);

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class OptionsProvider(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options([]);

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                values.TryGetValue(key, out value);
        }
    }
}
