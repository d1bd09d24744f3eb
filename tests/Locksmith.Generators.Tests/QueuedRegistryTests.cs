using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Locksmith.Generators.Tests;

/// <summary>What the [QueuedBy] registry generator writes, and that it compiles in a nullable, warnings-as-errors project.</summary>
public sealed class QueuedRegistryTests
{
    public static TheoryData<string, string, int> Shapes() => new()
    {
        {
            "an instance Task method with a token between its parameters",
            "public sealed class Shipping { [QueuedBy(\"orders\")] public Task ShipAsync(string orderId, CancellationToken ct, int priority) => Task.CompletedTask; }",
            1
        },
        {
            "a static method",
            "public static class Mailer { [QueuedBy(\"mail\")] public static Task SendAsync(string to) => Task.CompletedTask; }",
            1
        },
        {
            "Task<int> with AwaitResult",
            "public class Totals { [QueuedBy(\"totals\", AwaitResult = true)] public Task<int> SumAsync(int[] values) => Task.FromResult(values.Sum()); }",
            1
        },
        {
            "ValueTask",
            "public class Cache { [QueuedBy(\"cache\")] public ValueTask EvictAsync(string key, CancellationToken ct) => default; }",
            1
        },
        {
            "ValueTask<T>",
            "public class Cache { [QueuedBy(\"cache\", AwaitResult = true)] public ValueTask<string?> ReadAsync(string key) => new((string?)null); }",
            1
        },
        {
            "void",
            "public class Audit { [QueuedBy(\"audit\")] public void Write(string? line, DateTimeOffset at) { } }",
            1
        },
        {
            "a synchronous result",
            "public class Audit { [QueuedBy(\"audit\", AwaitResult = true)] public long Count(IReadOnlyList<string> lines) => lines.Count; }",
            1
        },
        {
            "a record parameter and a nullable value result",
            "public sealed record Order(string Id, decimal Total); public class Billing { [QueuedBy(\"bills\", AwaitResult = true)] public Task<decimal?> BillAsync(Order order, (int Year, int Month) period) => Task.FromResult<decimal?>(order.Total); }",
            1
        },
        {
            "a method in a nested public type",
            "public class Outer { public class Inner { [QueuedBy(\"nested\")] public Task RunAsync(Outer.Inner? other) => Task.CompletedTask; } }",
            1
        },
        {
            "internal and protected internal methods of an internal type",
            "internal class Hidden { [QueuedBy(\"i\")] internal Task A() => Task.CompletedTask; [QueuedBy(\"i\")] protected internal void B() { } }",
            2
        },
        {
            "overloads",
            "public class Overloads { [QueuedBy(\"o\")] public void Do(int x) { } [QueuedBy(\"o\")] public void Do(string x, CancellationToken ct) { } [QueuedBy(\"o\")] public void Do(int x, int y) { } }",
            3
        },
        {
            "a struct, an interface's default method and a static interface method",
            "public struct Counter { [QueuedBy(\"s\")] public void Add(int n) { } } public interface INotifier { [QueuedBy(\"n\")] Task NotifyAsync(string text) => Task.CompletedTask; [QueuedBy(\"n\")] static void Reset() { } }",
            3
        },
        {
            "keywords, dynamic and nested generic parameter types",
            "public class @class { [QueuedBy(\"k\")] public void @event(dynamic @object, List<dynamic> all, Dictionary<string, List<int?>> map, int[,] grid, params string[] rest) { } }",
            1
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Generated_registration_compiles_without_warnings_for(string shape, string source, int methods)
    {
        var run = QueuedRegistryHarness.Run(QueuedRegistryHarness.Compilation("Shapes", QueuedRegistryHarness.Usings + "namespace Shop;\n" + source));

        Assert.True(run.Diagnostics.IsEmpty, $"{shape}: {string.Join("\n", run.Diagnostics)}");
        Assert.Empty(run.CompilerDiagnostics(DiagnosticSeverity.Warning));
        Assert.NotNull(run.Generated);
        Assert.Equal(methods, Count(run.Generated!, "QueuedMethodRegistry.Register("));

        // The file disables warnings for users' sake; without that it must still be clean, or it only hides mistakes.
        var unmuted = run.Output.RemoveSyntaxTrees(run.Output.SyntaxTrees.Last())
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(run.Generated!.Replace("#pragma warning disable", string.Empty, StringComparison.Ordinal), QueuedRegistryHarness.ParseOptions));
        var warnings = unmuted.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(warnings.Count == 0, $"{shape}, without the pragma: {string.Join("\n", warnings)}");
    }

    [Fact]
    public void Generated_registration_matches_the_reviewed_snapshot()
    {
        var run = QueuedRegistryHarness.Run(QueuedRegistryHarness.Compilation("Shop.Orders", QueuedRegistryHarness.Usings + """
            namespace Shop;

            public sealed record Order(string Id, decimal Total);

            public sealed class OrderService
            {
                [QueuedBy("orders", PartitionKey = "{order.Id}", MaxAttempts = 5)]
                public Task ShipAsync(Order order, CancellationToken ct, int priority) => Task.CompletedTask;

                [QueuedBy("invoices", AwaitResult = true, MaxConcurrency = 2)]
                public Task<decimal> InvoiceAsync(Order order) => Task.FromResult(order.Total);

                [QueuedBy("cache")]
                public ValueTask EvictAsync(string key) => default;

                [QueuedBy("cache", AwaitResult = true)]
                public ValueTask<string?> PeekAsync(string key, CancellationToken ct) => new((string?)null);

                [QueuedBy("audit")]
                public void Audit(string? line) { }

                [QueuedBy("audit", AwaitResult = true)]
                public int Count() => 0;
            }

            public static class Reports
            {
                [QueuedBy("reports \"nightly\"\\main")]
                public static Task BuildAsync(DateOnly day) => Task.CompletedTask;
            }
            """));

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilerDiagnostics(DiagnosticSeverity.Warning));
        Snapshot.AssertMatches("Locksmith.QueuedMethodRegistration.g.cs", run.Generated!);
    }

    [Fact]
    public void The_attribute_is_rebuilt_with_only_the_named_arguments_that_were_set()
    {
        var run = QueuedRegistryHarness.Run(QueuedRegistryHarness.Compilation("Attributes", QueuedRegistryHarness.Usings + """
            public class S
            {
                [QueuedBy("plain")] public void A() { }
                [QueuedBy(queue: "named", AwaitResult = false, PartitionKey = null)] public void B() { }
            }
            """));

        Assert.Contains("new global::Locksmith.QueuedByAttribute(\"plain\"),", run.Generated, StringComparison.Ordinal);
        Assert.Contains("new global::Locksmith.QueuedByAttribute(\"named\") { AwaitResult = false, PartitionKey = null! },", run.Generated, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_without_queued_methods_gets_no_file()
    {
        var run = QueuedRegistryHarness.Run(QueuedRegistryHarness.Compilation("Empty", QueuedRegistryHarness.Usings + "public class S { [DistributedLock(\"k\")] public void A() { } }"));

        Assert.Empty(run.Diagnostics);
        Assert.Null(run.Generated);
    }

    [Fact]
    public void The_registration_namespace_comes_from_the_assembly_name()
    {
        var run = QueuedRegistryHarness.Run(QueuedRegistryHarness.Compilation("7th-Heaven.Orders.class", QueuedRegistryHarness.Usings + "public class S { [QueuedBy(\"q\")] public void A() { } }"));

        Assert.Contains("namespace Locksmith.Generated._7th_Heaven.Orders.@class", run.Generated, StringComparison.Ordinal);
        Assert.Empty(run.CompilerDiagnostics(DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_project_that_sees_another_projects_internals_keeps_its_own_registration()
    {
        // The Lua runner once had one fixed name in every project, so a project given InternalsVisibleTo by another
        // imported a second class of the same name (CS0436, an error under warnings-as-errors). The registration must not.
        var library = QueuedRegistryHarness.Run(QueuedRegistryHarness.Compilation("Library", QueuedRegistryHarness.Usings + """
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Consumer")]
            namespace Library { public class Jobs { [QueuedBy("jobs")] public void Run() { } } }
            """));
        Assert.Empty(library.CompilerDiagnostics(DiagnosticSeverity.Warning));

        var consumer = QueuedRegistryHarness.Run(QueuedRegistryHarness.Compilation(
            "Consumer",
            [.. QueuedRegistryHarness.References, library.Output.ToMetadataReference()],
            QueuedRegistryHarness.Usings + "namespace Consumer { public class Jobs { [QueuedBy(\"jobs\")] public void Run(Library.Jobs other) { } } }"));

        Assert.NotNull(consumer.Generated);
        Assert.Empty(consumer.CompilerDiagnostics(DiagnosticSeverity.Warning));
    }

    private static int Count(string text, string value) =>
        (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;
}
