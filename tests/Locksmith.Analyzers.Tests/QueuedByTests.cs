using Locksmith.Analyzers.CodeFixes;
using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class QueuedByTests
{
    private const string Prefix = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Locksmith;

        namespace Locksmith
        {
            [AttributeUsage(AttributeTargets.Method)]
            public sealed class QueuedByAttribute : Attribute
            {
                public QueuedByAttribute(string queue) { Queue = queue; }
                public string Queue { get; }
                public string? PartitionKey { get; set; }
                public bool AwaitResult { get; set; }
                public int MaxAttempts { get; set; }
                public int MaxConcurrency { get; set; }
            }
        }

        public sealed record Order(string Id, decimal Total);

        public class Service
        {

        """;

    [Fact]
    public Task Values_returned_without_await_result_are_flagged_on_the_attribute() =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.QueuedResult, Prefix + """
            [[|QueuedBy("a")|]] public Task<int> A() => Task.FromResult(1);
            [[|QueuedBy("b", AwaitResult = false)|]] public ValueTask<string> B() => new("x");
            [[|QueuedBy("c")|]] public int C() => 1;
        }
        """, new QueuedResultAnalyzer());

    [Fact]
    public Task Task_void_value_task_and_awaited_results_are_not_flagged() =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.QueuedResult, Prefix + """
            [QueuedBy("a")] public Task A() => Task.CompletedTask;
            [QueuedBy("b")] public void B() { }
            [QueuedBy("c")] public ValueTask C() => default;
            [QueuedBy("d", AwaitResult = true)] public Task<int> D() => Task.FromResult(1);
        }
        """, new QueuedResultAnalyzer());

    [Fact]
    public Task Fix_sets_await_result() => CodeFixHarness.VerifyAsync(
        new QueuedResultAnalyzer(), new QueuedResultCodeFix(),
        Prefix + """    [QueuedBy("a", MaxAttempts = 3)] public Task<int> A() => Task.FromResult(1);""" + "\n}",
        Prefix + """    [QueuedBy("a", MaxAttempts = 3, AwaitResult = true)] public Task<int> A() => Task.FromResult(1);""" + "\n}");
}
