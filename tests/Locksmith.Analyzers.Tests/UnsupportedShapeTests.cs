using Locksmith.Analyzers.CodeFixes;
using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class UnsupportedShapeTests
{
    private const string Prefix = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Locksmith;

        public class Service
        {

        """;

    private static Task Verify(string body) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.UnsupportedShape, Prefix + body + "\n}", new UnsupportedShapeAnalyzer());

    [Fact]
    public Task Async_void_iterators_and_async_streams_are_flagged_on_the_attribute() =>
        Verify("""
            [[|DistributedLock("a")|]] public async void A() => await Task.Yield();
            [[|Semaphore(2)|]] public IEnumerable<int> B() { yield return 1; }
            [[|DistributedLock("c")|]] public async IAsyncEnumerable<int> C() { await Task.Yield(); yield return 1; }
            [[|DistributedLock("d")|]] public IAsyncEnumerable<int> D() => C();
            """);

    [Fact]
    public Task Awaitables_other_than_task_and_value_task_are_flagged_as_the_runtime_refuses_them() =>
        Verify("""
            [[|DistributedLock("e")|]] public System.Runtime.CompilerServices.ConfiguredTaskAwaitable E() => Task.Delay(1).ConfigureAwait(false);
            [[|Semaphore(2)|]] public System.Runtime.CompilerServices.YieldAwaitable F() => Task.Yield();
            [[|DistributedLock("g")|]] public Later G() => new Later();
            [DistributedLock("h")] public Task<int> H() => Task.FromResult(1);
            [DistributedLock("i")] public ValueTask<int> I() => default;
            [DistributedLock("j")] public ValueTask J() => default;
            }

            public sealed class Later : Task
            {
                public Later() : base(() => { }) { }
            """);

    [Fact]
    public Task Tasks_values_and_materialised_lists_are_not_flagged() =>
        Verify("""
            [DistributedLock("a")] public async Task A() => await Task.Yield();
            [DistributedLock("b")] public IEnumerable<int> B() => new List<int> { 1 };
            [Semaphore(2)] public void C() { }
            [DistributedLock("d")] public IEnumerable<int> D() { IEnumerable<int> Local() { yield return 1; } return new List<int>(Local()); }
            """);

    [Fact]
    public Task Fix_makes_async_void_return_task() => CodeFixHarness.VerifyAsync(
        new UnsupportedShapeAnalyzer(), new UnsupportedShapeCodeFix(),
        Prefix + """    [DistributedLock("a")] public async void A() => await Task.Yield();""" + "\n}",
        Prefix + """    [DistributedLock("a")] public async Task A() => await Task.Yield();""" + "\n}");
}
