using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Locksmith.Analyzers.Tests;

/// <summary>Applies a code fix in a workspace and checks the result: the expected text, compiling, and the diagnostic gone.</summary>
internal static class CodeFixHarness
{
    public static async Task VerifyAsync(DiagnosticAnalyzer analyzer, CodeFixProvider fix, string before, string after)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Snippet", "Snippet", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: AnalyzerHarness.ParseOptions,
            metadataReferences: AnalyzerHarness.References));
        var document = workspace.AddDocument(project.Id, "Snippet.cs", SourceText.From(before));

        var diagnostics = await DiagnosticsAsync(document, analyzer);
        var target = diagnostics.FirstOrDefault(d => fix.FixableDiagnosticIds.Contains(d.Id));
        Assert.True(target is not null, "The analyzer reported nothing to fix.");

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, target!, (action, _) => actions.Add(action), CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context);
        Assert.True(actions.Count > 0, "The fix offered no action for " + target);

        var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        var text = (await changed.GetTextAsync()).ToString();
        Assert.Equal(Normalize(after), Normalize(text));

        var compilation = (await changed.Project.GetCompilationAsync())!;
        AnalyzerHarness.AssertCompiles(compilation);
        var remaining = await AnalyzerHarness.RunAsync(compilation, analyzer);
        Assert.DoesNotContain(remaining, d => d.Id == target!.Id);
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document, DiagnosticAnalyzer analyzer)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        AnalyzerHarness.AssertCompiles(compilation);
        return await AnalyzerHarness.RunAsync(compilation, analyzer);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
