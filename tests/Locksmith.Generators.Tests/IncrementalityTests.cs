using Locksmith.Generators.Lua;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Locksmith.Generators.Tests;

public sealed class IncrementalityTests
{
    [Fact]
    public void An_unrelated_CSharp_edit_reuses_every_parsed_script_and_the_output()
    {
        var compilation = GeneratorHarness.Compilation(sources: "class A { }");
        var driver = GeneratorHarness.Driver(GeneratorHarness.Script("lock_acquire.lua"), GeneratorHarness.Script("lock_release.lua"))
            .RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { int X => 1; }", new CSharpParseOptions(LanguageVersion.Latest)));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var parsed = result.TrackedSteps[LuaScriptGenerator.Steps.Parse].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2, parsed.Count);
        Assert.All(parsed, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(result.TrackedSteps[LuaScriptGenerator.Steps.RedisReference].SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_script_reparses_only_that_script()
    {
        var compilation = GeneratorHarness.Compilation();
        var acquire = GeneratorHarness.Script("lock_acquire.lua");
        var release = GeneratorHarness.Script("lock_release.lua");
        var releaseText = GeneratorHarness.Text(release.Path, release.Text);
        var driver = GeneratorHarness.Driver(GeneratorHarness.Text(acquire.Path, acquire.Text), releaseText).RunGenerators(compilation);

        driver = driver.ReplaceAdditionalText(releaseText, GeneratorHarness.Text(release.Path, release.Text + "\n-- edited\n"));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        var reasons = result.TrackedSteps[LuaScriptGenerator.Steps.Parse].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Cached));
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
    }
}
