using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Locksmith.Generators.Tests;

/// <summary>
/// The generated code, compared with reviewed copies in Snapshots/. To accept a deliberate change, run the tests with
/// LOCKSMITH_UPDATE_SNAPSHOTS=1, review the diff of Snapshots/, and commit it.
/// </summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData("lock_acquire.lua", "App.LuaScripts.LockAcquireScript.g.cs")]
    [InlineData("lock_release.lua", "App.LuaScripts.LockReleaseScript.g.cs")]
    [InlineData("echo_all.lua", "App.LuaScripts.ServerClockScript.g.cs")]
    [InlineData("lock_acquire.lua", "App.LuaScripts.LuaScriptRunner.g.cs")]
    public void Generated_code_matches_the_reviewed_snapshot(string script, string hintName)
    {
        var (output, diagnostics, result) = GeneratorHarness.Run(GeneratorHarness.Compilation(), GeneratorHarness.Script(script));

        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var generated = result.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
        Snapshot.AssertMatches(hintName, generated);
    }

    [Fact]
    public void All_scripts_together_compile_with_one_runner()
    {
        var (output, diagnostics, result) = GeneratorHarness.Run(
            GeneratorHarness.Compilation(),
            GeneratorHarness.Script("lock_acquire.lua"), GeneratorHarness.Script("lock_release.lua"), GeneratorHarness.Script("echo_all.lua"));

        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(4, result.Results.Single().GeneratedSources.Length);
    }

    [Fact]
    public void A_project_that_sees_another_projects_internals_keeps_its_own_runner()
    {
        // Regression: the runner had one fixed name in every project, so a project given InternalsVisibleTo by another
        // project with scripts imported a second runner of the same name (CS0436, an error under warnings-as-errors).
        var library = GeneratorHarness.Compilation(true, "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Consumer\")]")
            .WithAssemblyName("Library");
        GeneratorHarness.Driver("Library", GeneratorHarness.Text(GeneratorHarness.Script("lock_release.lua").Path, GeneratorHarness.Script("lock_release.lua").Text))
            .RunGeneratorsAndUpdateCompilation(library, out var libraryOutput, out _);
        Assert.Empty(libraryOutput.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

        var consumer = GeneratorHarness.Compilation(true, "class UsesBoth { object A = Library.LuaScripts.LockReleaseScript.Sha1; object B = App.LuaScripts.LockReleaseScript.Sha1; }")
            .WithAssemblyName("Consumer")
            .AddReferences(libraryOutput.ToMetadataReference());
        GeneratorHarness.Driver("App", GeneratorHarness.Text(GeneratorHarness.Script("lock_release.lua").Path, GeneratorHarness.Script("lock_release.lua").Text))
            .RunGeneratorsAndUpdateCompilation(consumer, out var consumerOutput, out _);

        Assert.Empty(consumerOutput.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void The_hash_is_the_one_redis_computes_for_the_text()
    {
        // SHA1("return 1") as printed by: redis-cli SCRIPT LOAD "return 1"
        Assert.Equal("e0e1f9fabfc9d4800c877a703b823ac0578ff8db", Lua.LuaScriptParser.Sha1Hex("return 1"));
    }
}
