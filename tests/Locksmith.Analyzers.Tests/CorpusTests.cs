using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Locksmith.Analyzers.Tests;

/// <summary>
/// Runs every rule over <c>Corpus/</c> (lock code shaped the way public projects write it) and scores them: an unsafe
/// snippet counts as caught only when its expected rule reports it; a safe snippet must draw no diagnostic at all.
/// The table it prints is the one in docs/analyzers.md.
/// </summary>
public class CorpusTests(ITestOutputHelper output)
{
    private const double RequiredRecall = 0.90;

    [Fact]
    public void The_corpus_has_at_least_forty_unsafe_and_twenty_five_safe_snippets()
    {
        var corpus = CorpusSnippet.LoadAll();
        Assert.True(corpus.Count(s => !s.IsSafe) >= 40, "fewer than 40 unsafe snippets");
        Assert.True(corpus.Count(s => s.IsSafe) >= 25, "fewer than 25 safe snippets");
    }

    [Fact]
    public async Task The_rules_catch_at_least_ninety_percent_of_unsafe_snippets_and_flag_no_safe_one()
    {
        var results = new List<(CorpusSnippet Snippet, string[] Ids)>();
        var broken = new List<string>();
        foreach (var snippet in CorpusSnippet.LoadAll())
        {
            // Every snippet must be real code: one that does not compile proves nothing about the rules.
            var compilation = AnalyzerHarness.Compile(snippet.Source);
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                broken.Add(snippet.Name + ":\n  " + string.Join("\n  ", errors));
                continue;
            }

            var diagnostics = await AnalyzerHarness.RunAsync(compilation, [.. AnalyzerHarness.AllAnalyzers]);
            results.Add((snippet, [.. diagnostics.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal)]));
        }

        Assert.True(broken.Count == 0, "Corpus snippets that do not compile:\n" + string.Join("\n", broken));
        var unsafeSnippets = results.Where(r => !r.Snippet.IsSafe).ToList();
        var missed = unsafeSnippets.Where(r => !r.Ids.Contains(r.Snippet.ExpectedId)).ToList();
        var flagged = results.Where(r => r.Snippet.IsSafe && r.Ids.Length > 0).ToList();
        var recall = (double)(unsafeSnippets.Count - missed.Count) / unsafeSnippets.Count;

        output.WriteLine(Table(results));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Overall: {unsafeSnippets.Count - missed.Count}/{unsafeSnippets.Count} unsafe caught ({recall:P0}), {flagged.Count} of {results.Count - unsafeSnippets.Count} safe flagged"));
        foreach (var (snippet, ids) in missed)
        {
            output.WriteLine($"MISSED   {snippet.Name} (expected {snippet.ExpectedId}, got {Ids(ids)}): {snippet.Shape}");
        }

        foreach (var (snippet, ids) in flagged)
        {
            output.WriteLine($"FLAGGED  {snippet.Name} ({Ids(ids)}): {snippet.Shape}");
        }

        Assert.True(flagged.Count == 0, "Safe snippets flagged: " + string.Join(", ", flagged.Select(f => $"{f.Snippet.Name} ({Ids(f.Ids)})")));
        Assert.True(recall >= RequiredRecall, string.Create(CultureInfo.InvariantCulture, $"Recall {recall:P0} is below {RequiredRecall:P0}; missed: ") + string.Join(", ", missed.Select(m => m.Snippet.Name)));
    }

    /// <summary>Per rule: unsafe snippets expecting it, how many it caught, and safe snippets it flagged.</summary>
    private static string Table(List<(CorpusSnippet Snippet, string[] Ids)> results)
    {
        var rules = results.Select(r => r.Snippet.ExpectedId).OfType<string>()
            .Concat(results.SelectMany(r => r.Ids)).Distinct().Order(StringComparer.Ordinal);
        var table = new StringBuilder("| rule | unsafe snippets | caught | recall | safe snippets flagged |\n|---|---|---|---|---|\n");
        foreach (var rule in rules)
        {
            var expecting = results.Where(r => r.Snippet.ExpectedId == rule).ToList();
            var caught = expecting.Count(r => r.Ids.Contains(rule));
            var falsePositives = results.Count(r => r.Snippet.IsSafe && r.Ids.Contains(rule));
            var recall = expecting.Count == 0 ? "-" : ((double)caught / expecting.Count).ToString("P0", CultureInfo.InvariantCulture);
            table.Append(CultureInfo.InvariantCulture, $"| {rule} | {expecting.Count} | {caught} | {recall} | {falsePositives} |\n");
        }

        return table.ToString();
    }

    private static string Ids(string[] ids) => ids.Length == 0 ? "nothing" : string.Join(", ", ids);
}
