using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Locksmith.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Locksmith.Analyzers.Tests;

/// <summary>Compiles a snippet against .NET 10, StackExchange.Redis and Locksmith, and runs analyzers over it.</summary>
internal static class AnalyzerHarness
{
    public static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(StackExchange.Redis.IDatabase).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(DistributedLockAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(QueuedByAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Hosting.BackgroundService).Assembly.Location),
    ];

    /// <summary>Every rule in the analyzer assembly, found the way the compiler finds them.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers { get; } =
    [
        .. typeof(LocksmithAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                        && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!),
    ];

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "Snippet" + Guid.NewGuid().ToString("N"),
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"/src/Snippet{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Fails when the snippet itself does not compile: every test case must be real code.</summary>
    public static void AssertCompiles(Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The snippet does not compile:\n" + string.Join("\n", errors));
    }

    public static async Task<ImmutableArray<Diagnostic>> RunAsync(Compilation compilation, params DiagnosticAnalyzer[] analyzers)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers([.. analyzers], options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();

        // An analyzer that throws reports AD0001; that must fail the test, not pass silently.
        var failures = (await withAnalyzers.GetAllDiagnosticsAsync()).Where(d => d.Id == "AD0001").ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        return diagnostics;
    }

    /// <summary>
    /// Compiles <paramref name="markup"/>, runs <paramref name="analyzer"/> (all rules when null or when nothing is
    /// marked), and checks the diagnostics are exactly the marked spans: [|...|] for <paramref name="id"/>, {|ID:...|} for another id.
    /// </summary>
    public static async Task VerifyAsync(string id, string markup, DiagnosticAnalyzer? analyzer = null)
    {
        var (source, expected) = Markup.Parse(markup);
        var compilation = Compile(source);
        AssertCompiles(compilation);
        // Compliant code (nothing marked) must be clean for every rule, not only the one under test.
        var diagnostics = await RunAsync(compilation, analyzer is null || expected.Count == 0 ? [.. AllAnalyzers] : [analyzer]);
        var actual = diagnostics.Select(d => $"{d.Id} {d.Location.SourceSpan} '{Text(source, d.Location.SourceSpan)}'").OrderBy(s => s, StringComparer.Ordinal).ToList();
        var wanted = expected.Select(e => $"{e.Id ?? id} {e.Span} '{Text(source, e.Span)}'").OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.True(
            wanted.SequenceEqual(actual),
            $"Expected:\n  {string.Join("\n  ", wanted)}\nActual:\n  {string.Join("\n  ", actual)}\nMessages:\n  {string.Join("\n  ", diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    private static string Text(string source, Microsoft.CodeAnalysis.Text.TextSpan span) => source.Substring(span.Start, span.Length);
}
