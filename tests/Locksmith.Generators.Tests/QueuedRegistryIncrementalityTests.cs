using Locksmith.Generators.Queues;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Locksmith.Generators.Tests;

public sealed class QueuedRegistryIncrementalityTests
{
    private const string Services = QueuedRegistryHarness.Usings + """
        namespace Shop;

        public class Orders
        {
            [QueuedBy("orders")] public Task ShipAsync(string id, CancellationToken ct) => Task.CompletedTask;
            [QueuedBy("orders", AwaitResult = true)] public int Count() => 1;
            public int Helper() => 1;
        }
        """;

    [Fact]
    public void An_unrelated_file_leaves_every_parsed_method_unchanged_and_the_output_cached()
    {
        var compilation = QueuedRegistryHarness.Compilation("Incremental", Services);
        var driver = QueuedRegistryHarness.Driver().RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class Unrelated { int X => 1; }", QueuedRegistryHarness.ParseOptions));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // The transform reads the semantic model, so a new compilation runs it again; its equal output stops the run there.
        var parsed = result.TrackedSteps[QueuedRegistryGenerator.Steps.Parse].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2, parsed.Count);
        Assert.All(parsed, o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.All(result.TrackedSteps[QueuedRegistryGenerator.Steps.Target].SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_a_body_in_the_same_file_reparses_it_but_keeps_the_output()
    {
        var compilation = QueuedRegistryHarness.Compilation("Incremental", Services);
        var driver = QueuedRegistryHarness.Driver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();

        // Same length, so no location moves: only the body of a method that is not queued changed.
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(
            Services.LastIndexOf("=> 1", StringComparison.Ordinal), 4, "=> 2")));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.All(result.TrackedSteps[QueuedRegistryGenerator.Steps.Parse].SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Changing_an_attribute_regenerates_the_registration()
    {
        var compilation = QueuedRegistryHarness.Compilation("Incremental", Services);
        var driver = QueuedRegistryHarness.Driver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();

        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(
            Services.IndexOf("\"orders\")]", StringComparison.Ordinal), 8, "\"packing\"")));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("QueuedByAttribute(\"packing\")", result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }
}
