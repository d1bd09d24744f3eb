using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using Locksmith.Analyzers.CodeFixes;
using Locksmith.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Locksmith.Analyzers.Tests;

/// <summary>
/// What every rule must do: run concurrently, skip generated code; and what every diagnostic of either family, analyzer
/// (LSM) or generator (LSG), must carry: a unique, documented, tracked id.
/// </summary>
public class ConventionTests
{
    public static TheoryData<string> AnalyzerNames() => [.. AnalyzerHarness.AllAnalyzers.Select(a => a.GetType().Name)];

    public static TheoryData<string> DiagnosticIds() => [.. AllDescriptors.Select(d => d.Id)];

    private static readonly string Root = FindRoot();

    private static IEnumerable<DiagnosticDescriptor> AnalyzerDescriptors => AnalyzerHarness.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics);

    private static IEnumerable<DiagnosticDescriptor> GeneratorDescriptors => DiagnosticDescriptors.All;

    /// <summary>Both families, analyzer rules (LSM) and generator diagnostics (LSG): one convention for every id a user can see.</summary>
    private static IEnumerable<DiagnosticDescriptor> AllDescriptors => AnalyzerDescriptors.Concat(GeneratorDescriptors);

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
    public void There_are_seventeen_rules_each_reported_by_exactly_one_analyzer()
    {
        var ids = AnalyzerHarness.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToList();
        var declared = typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(declared.Order(), ids.Order());
        Assert.Equal(17, ids.Distinct().Count());
    }

    [Fact]
    public void Ids_are_unique_across_both_families_and_a_retired_id_is_never_reported_again()
    {
        var ids = AllDescriptors.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(AnalyzerDescriptors, d => Assert.Matches("^LSM[0-9]{3}$", d.Id));
        Assert.All(GeneratorDescriptors, d => Assert.Matches("^LSG[0-9]{3}$", d.Id));
        Assert.All(RuleIdentifiers.Retired, id => Assert.DoesNotContain(id, ids));
    }

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void Every_diagnostic_has_a_title_a_message_and_a_help_link_to_its_page_showing_non_compliant_and_compliant_code(string id)
    {
        var descriptor = AllDescriptors.Single(d => d.Id == id);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()), id + " has no title");
        Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()), id + " has no message");

        // Both families link to the same folder, so a rule moving between them keeps its address scheme.
        Assert.Equal(RuleIdentifiers.HelpLink(id), descriptor.HelpLinkUri);
        Assert.EndsWith("/docs/rules/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        var text = Page(id);
        Assert.StartsWith($"# {id}: {descriptor.Title}\n", text, StringComparison.Ordinal);
        Assert.Contains($"| Severity | {descriptor.DefaultSeverity} |", text, StringComparison.Ordinal);
        Assert.Contains($"| Category | `{descriptor.Category}` |", text, StringComparison.Ordinal);
        Assert.Contains("## Non-compliant", text, StringComparison.Ordinal);
        Assert.Contains("## Compliant", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retired_id_keeps_a_page_that_names_the_diagnostic_now_reporting_its_mistakes()
    {
        foreach (var id in RuleIdentifiers.Retired)
        {
            var text = Page(id);
            Assert.StartsWith($"# {id}: ", text, StringComparison.Ordinal);
            Assert.Contains("Retired", text, StringComparison.Ordinal);
            Assert.Matches(new Regex(@"\[LSG[0-9]{3}\]\(LSG[0-9]{3}\.md\)"), text);
        }
    }

    [Fact]
    public void Every_page_belongs_to_a_diagnostic_or_a_retired_id_and_the_index_links_them_all()
    {
        var known = AllDescriptors.Select(d => d.Id).Concat(RuleIdentifiers.Retired).ToHashSet();
        var pages = Directory.GetFiles(Path.Combine(Root, "docs", "rules"), "LS*.md").Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.Equal(known.Order(), pages.Order());

        var index = File.ReadAllText(Path.Combine(Root, "docs", "rules", "README.md"));
        Assert.All(known, id => Assert.Contains($"[{id}]({id}.md)", index, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void Every_diagnostic_is_tracked_in_its_familys_release_notes_with_its_category_and_severity(string id)
    {
        var descriptor = AllDescriptors.Single(d => d.Id == id);
        var project = id.StartsWith("LSM", StringComparison.Ordinal) ? Path.Combine("analyzers", "Locksmith.Analyzers") : Path.Combine("generators", "Locksmith.Generators");
        var releases = File.ReadAllText(Path.Combine(Root, project, "AnalyzerReleases.Unshipped.md"));
        Assert.Matches(new Regex($@"^{descriptor.Id} \| {Regex.Escape(descriptor.Category)} \| {descriptor.DefaultSeverity} \|", RegexOptions.Multiline), releases);
    }

    [Fact]
    public void Every_fix_targets_a_rule_and_offers_fix_all()
    {
        var ids = AnalyzerHarness.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        var fixes = typeof(SetNxWithoutExpiryCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();
        Assert.Equal(9, fixes.Count);
        foreach (var fix in fixes)
        {
            Assert.All(fix.FixableDiagnosticIds, id => Assert.Contains(id, ids));
            Assert.NotNull(fix.GetFixAllProvider());
            Assert.NotNull(fix.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>());
        }
    }

    private static string Page(string id)
    {
        var page = Path.Combine(Root, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), "Missing " + page);
        return File.ReadAllText(page);
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
