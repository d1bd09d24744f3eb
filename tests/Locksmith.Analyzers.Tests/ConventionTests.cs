using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using Locksmith.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Locksmith.Analyzers.Tests;

/// <summary>What every rule must do: run concurrently, skip generated code, carry a documented, tracked id.</summary>
public class ConventionTests
{
    public static TheoryData<string> AnalyzerNames() => [.. AnalyzerHarness.AllAnalyzers.Select(a => a.GetType().Name)];

    private static readonly string Root = FindRoot();

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public void Analyzer_enables_concurrent_execution_and_skips_generated_code(string name)
    {
        var analyzer = AnalyzerHarness.AllAnalyzers.Single(a => a.GetType().Name == name);
        var context = new RecordingContext();
        analyzer.Initialize(context);
        Assert.True(context.Concurrent, name + " does not call EnableConcurrentExecution");
        Assert.Equal(GeneratedCodeAnalysisFlags.None, context.Generated);
    }

    [Fact]
    public void There_are_thirteen_rules_each_reported_by_exactly_one_analyzer()
    {
        var ids = AnalyzerHarness.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToList();
        var declared = typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(declared.Order(), ids.Order());
        Assert.Equal(13, ids.Distinct().Count());
    }

    [Fact]
    public void Every_rule_has_a_help_link_to_its_page_and_the_page_shows_non_compliant_and_compliant_code()
    {
        foreach (var descriptor in AnalyzerHarness.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics))
        {
            Assert.EndsWith("/docs/rules/" + descriptor.Id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            var page = Path.Combine(Root, "docs", "rules", descriptor.Id + ".md");
            Assert.True(File.Exists(page), "Missing " + page);
            var text = File.ReadAllText(page);
            Assert.StartsWith("# " + descriptor.Id + ": ", text, StringComparison.Ordinal);
            Assert.Contains("## Non-compliant", text, StringComparison.Ordinal);
            Assert.Contains("## Compliant", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_rule_is_tracked_in_the_release_notes_with_its_category_and_severity()
    {
        var releases = File.ReadAllText(Path.Combine(Root, "analyzers", "Locksmith.Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in AnalyzerHarness.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics))
        {
            Assert.Matches(new Regex($@"^{descriptor.Id} \| {Regex.Escape(descriptor.Category)} \| {descriptor.DefaultSeverity} \|", RegexOptions.Multiline), releases);
        }
    }

    [Fact]
    public void Every_fix_targets_a_rule_and_offers_fix_all()
    {
        var ids = AnalyzerHarness.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        var fixes = typeof(SetNxWithoutExpiryCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();
        Assert.Equal(8, fixes.Count);
        foreach (var fix in fixes)
        {
            Assert.All(fix.FixableDiagnosticIds, id => Assert.Contains(id, ids));
            Assert.NotNull(fix.GetFixAllProvider());
            Assert.NotNull(fix.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>());
        }
    }

    internal static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Framework.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Framework.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed class RecordingContext : AnalysisContext
    {
        public bool Concurrent { get; private set; }

        public GeneratedCodeAnalysisFlags? Generated { get; private set; }

        public override void EnableConcurrentExecution() => Concurrent = true;

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => Generated = analysisMode;

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) { }

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) { }

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) { }

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) { }

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) { }

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) { }

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) { }

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) { }
    }
}
