using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Locksmith.Generators.Tests;

/// <summary>
/// One test per [QueuedBy] registry diagnostic: reported where the markup says, with the cause in its message, and
/// the method left out of the registry while the project's other queued methods still register.
/// </summary>
public sealed class QueuedRegistryDiagnosticTests
{
    private const string Good = "\npublic class Good { [QueuedBy(\"ok\")] public void Fine() { } }\n";

    [Theory]
    [InlineData("public class S { [QueuedBy(\"q\")] private void [|Hidden|]() { } }", "is private")]
    [InlineData("public class S { [QueuedBy(\"q\")] protected void [|Hidden|]() { } }", "is protected")]
    [InlineData("public class S { [QueuedBy(\"q\")] private protected void [|Hidden|]() { } }", "is private protected")]
    [InlineData("public class Outer { private class Inner { [QueuedBy(\"q\")] public void [|Hidden|]() { } } }", "is declared in the private type 'Outer.Inner'")]
    [InlineData("public class Outer { protected class Inner { [QueuedBy(\"q\")] public void [|Hidden|]() { } } }", "is declared in the protected type 'Outer.Inner'")]
    [InlineData("file class Local { [QueuedBy(\"q\")] public void [|Hidden|]() { } }", "is declared in the file-local type 'Local'")]
    public void LSG011_a_method_the_assemblys_own_code_cannot_call(string markup, string cause)
    {
        var d = Single("LSG011", markup);
        Assert.Contains(cause, d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("make the method and its containing types public or internal", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public class S { [QueuedBy(\"q\")] public void [|Hidden|]<T>(T value) { } }", "has type parameters <T>")]
    [InlineData("public class Repo<T> { [QueuedBy(\"q\")] public void [|Hidden|](T value) { } }", "is declared in the generic type 'Repo<T>'")]
    [InlineData("public class Outer<T> { public class Inner { [QueuedBy(\"q\")] public void [|Hidden|]() { } } }", "is declared in the generic type 'Outer<T>'")]
    public void LSG012_a_method_with_open_type_parameters(string markup, string cause)
    {
        var d = Single("LSG012", markup);
        Assert.Contains(cause, d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Queue a non-generic method", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public class S { [QueuedBy(\"q\")] public void Hidden([|ref int counter|]) { } }", "parameter 'counter' is passed by reference")]
    [InlineData("public class S { [QueuedBy(\"q\")] public void Hidden([|out int counter|]) { counter = 1; } }", "parameter 'counter' is an out parameter")]
    [InlineData("public class S { [QueuedBy(\"q\")] public void Hidden([|in int counter|]) { } }", "parameter 'counter' is an in parameter")]
    [InlineData("public class S { [QueuedBy(\"q\")] public void Hidden([|ref readonly int counter|]) { } }", "parameter 'counter' is a ref readonly parameter")]
    [InlineData("public class S { [QueuedBy(\"q\")] public void Hidden(string name, [|Span<byte> data|]) { } }", "parameter 'data' is a ref struct (Span<byte>)")]
    [InlineData("public class S { [QueuedBy(\"q\")] public void Hidden([|params ReadOnlySpan<int> values|]) { } }", "parameter 'values' is a ref struct (ReadOnlySpan<int>)")]
    [InlineData("public unsafe class S { [QueuedBy(\"q\")] public void Hidden([|int* p|]) { } }", "parameter 'p' is a pointer")]
    [InlineData("public class S { [QueuedBy(\"q\")] public void Hidden([|Action callback|]) { } }", "parameter 'callback' is a delegate")]
    [InlineData("public class S { [QueuedBy(\"q\")] public void Hidden([|Func<Task> next|]) { } }", "parameter 'next' is a delegate")]
    [InlineData("public class S { [QueuedBy(\"q\")] public void Hidden([|System.IO.Stream body|]) { } }", "parameter 'body' is a stream")]
    [InlineData("public class S { [QueuedBy(\"q\")] public void Hidden([|System.IO.MemoryStream copy|]) { } }", "parameter 'copy' is a stream")]
    [InlineData("public class S { [QueuedBy(\"q\", AwaitResult = true)] public [|Span<int>|] Hidden() => default; }", "it returns a ref struct (Span<int>)")]
    [InlineData("public class S { [QueuedBy(\"q\", AwaitResult = true)] public [|Task<System.IO.Stream>|] Hidden() => Task.FromResult(System.IO.Stream.Null); }", "it returns a stream")]
    [InlineData("public class S { [QueuedBy(\"q\", AwaitResult = true)] public [|ValueTask<Func<int>>|] Hidden() => default; }", "it returns a delegate")]
    [InlineData("public class S { [QueuedBy(\"q\", AwaitResult = true)] public [|Action|] Hidden() => () => { }; }", "it returns a delegate")]
    [InlineData("public class S { private int _n; [QueuedBy(\"q\", AwaitResult = true)] public ref [|int|] Hidden() => ref _n; }", "it returns by reference")]
    public void LSG013_a_parameter_or_result_that_cannot_travel_through_the_queue(string markup, string cause)
    {
        var d = Single("LSG013", markup);
        Assert.Contains(cause, d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("use a plain parameter or result type", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public abstract class S { [QueuedBy(\"q\")] public abstract Task [|Hidden|](); }", "is abstract")]
    [InlineData("public interface IS { [QueuedBy(\"q\")] Task [|Hidden|](); }", "is an interface member without a body")]
    [InlineData("public class S { [QueuedBy(\"q\")] [System.Runtime.InteropServices.DllImport(\"native\")] public static extern void [|Hidden|](); }", "is extern")]
    public void LSG014_a_method_without_a_body(string markup, string cause)
    {
        var d = Single("LSG014", markup);
        Assert.Contains(cause, d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Put [QueuedBy] on the method that has the body", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LSG014_a_partial_method_without_an_implementation()
    {
        // Such a partial method is private by the language's rules, so it is reported as inaccessible too.
        var (run, span) = RunMarkup("public partial class S { [QueuedBy(\"q\")] partial void [|Hidden|](); }");

        Assert.Equal(["LSG011", "LSG014"], run.Diagnostics.Select(d => d.Id).Order());
        Assert.All(run.Diagnostics, d => Assert.Equal(span, d.Location.SourceSpan));
        Assert.Contains("is a partial method without an implementation", run.Diagnostics.Single(d => d.Id == "LSG014").GetMessage(), StringComparison.Ordinal);
        AssertOnlyGoodRegistered(run);
    }

    [Theory]
    [InlineData("public class S { public void Outer() { [QueuedBy(\"q\")] void [|Hidden|]() { } Hidden(); } }", "is a local function")]
    [InlineData("public interface IJob { void Hidden(); } public class S : IJob { [QueuedBy(\"q\")] void IJob.[|Hidden|]() { } }", "is an explicit interface implementation")]
    [InlineData("public class S { public Action Hidden = [QueuedBy(\"q\")] () [|=>|] { }; }", "is a lambda")]
    [InlineData("public class S { [QueuedBy(\"q\")] public static S operator [|+|](S a, S b) => a; }", "is an operator")]
    [InlineData("public class S { [QueuedBy(\"q\")] public static explicit operator [|string|](S s) => \"\"; }", "is an operator")]
    [InlineData("public class S { public int Hidden { [QueuedBy(\"q\")] [|get|] => 1; } }", "is an accessor")]
    [InlineData("public class S { [QueuedBy(\"q\")] ~[|S|]() { } }", "is a finalizer")]
    [InlineData("public ref struct R { [QueuedBy(\"q\")] public void [|Hidden|]() { } }", "is an instance method of the ref struct 'R'")]
    public void LSG015_a_method_that_cannot_be_called_by_name_on_a_service(string markup, string cause)
    {
        var d = Single("LSG015", markup);
        Assert.Contains(cause, d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("put [QueuedBy] on an ordinary method", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LSG016_two_methods_that_differ_only_by_a_cancellation_token()
    {
        var (run, span) = RunMarkup("""
            public class S
            {
                [QueuedBy("q")] public void Fine(int x) { }
                [QueuedBy("q")] public void [|Fine|](int x, CancellationToken ct) { }
            }
            """);

        var d = Assert.Single(run.Diagnostics);
        Assert.Equal("LSG016", d.Id);
        Assert.Equal(span, d.Location.SourceSpan);
        Assert.Contains("'S.Fine(int)' and 'S.Fine(int, CancellationToken)' both travel as 'Shop.S.Fine(int)'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("rename one", d.GetMessage(), StringComparison.Ordinal);

        // The first keeps its registration; the second is not emitted to silently replace it.
        Assert.Equal(2, Regex.Count(run.Generated!, "QueuedMethodRegistry.Register\\("));
        Assert.DoesNotContain("CancellationToken)", run.Generated, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG017_an_attribute_named_like_Locksmiths_without_the_registry()
    {
        var (source, span) = Markup.Parse("""
            using System;
            namespace Locksmith { [AttributeUsage(AttributeTargets.Method)] public sealed class QueuedByAttribute(string queue) : Attribute { public string Queue => queue; } }
            public class S { [Locksmith.QueuedBy("q")] public void [|Run|]() { } }
            """);
        var run = QueuedRegistryHarness.Run(QueuedRegistryHarness.Compilation("NoRegistry", Basic.Reference.Assemblies.Net100.References.All, source));

        var d = Assert.Single(run.Diagnostics);
        Assert.Equal("LSG017", d.Id);
        Assert.Equal(span, d.Location.SourceSpan);
        Assert.Contains("reference the Locksmith package", d.GetMessage(), StringComparison.Ordinal);
        Assert.Null(run.Generated);
        Assert.Empty(run.CompilerDiagnostics(DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_method_the_compiler_already_rejects_gets_no_diagnostic_and_no_code()
    {
        var run = QueuedRegistryHarness.Run(QueuedRegistryHarness.Compilation("Broken", QueuedRegistryHarness.Usings + Good + """
            public class S { [QueuedBy("q")] public void Hidden(Missing m, List<AlsoMissing> n) { } }
            """));

        Assert.Empty(run.Diagnostics);
        AssertOnlyGoodRegistered(run);
        Assert.Equal(["CS0246", "CS0246"], run.CompilerDiagnostics(DiagnosticSeverity.Error).Select(d => d.Id));
    }

    private static Diagnostic Single(string id, string markup)
    {
        var (run, span) = RunMarkup(markup);

        var d = Assert.Single(run.Diagnostics);
        Assert.Equal(id, d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(span, d.Location.SourceSpan);
        Assert.Equal("/src/Diagnostics/File0.cs", d.Location.GetLineSpan().Path);
        AssertOnlyGoodRegistered(run);
        return d;
    }

    private static (QueuedRegistryHarness.GeneratorRun Run, Microsoft.CodeAnalysis.Text.TextSpan Span) RunMarkup(string markup)
    {
        var (source, span) = Markup.Parse(QueuedRegistryHarness.Usings + "namespace Shop;\n" + markup + Good);
        return (QueuedRegistryHarness.Run(QueuedRegistryHarness.Compilation("Diagnostics", source)), span);
    }

    /// <summary>The rejected method left no code behind (so nothing uncompilable), and the good method still registered.</summary>
    private static void AssertOnlyGoodRegistered(QueuedRegistryHarness.GeneratorRun run)
    {
        Assert.NotNull(run.Generated);
        Assert.Equal(1, Regex.Count(run.Generated!, "QueuedMethodRegistry.Register\\("));
        Assert.Contains("\"Fine\"", run.Generated, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden", run.Generated, StringComparison.Ordinal);
        Assert.Empty(run.Output.SyntaxTrees.Last().GetDiagnostics());
        Assert.DoesNotContain(run.CompilerDiagnostics(DiagnosticSeverity.Error), d => d.Location.SourceTree == run.Output.SyntaxTrees.Last());
    }
}
