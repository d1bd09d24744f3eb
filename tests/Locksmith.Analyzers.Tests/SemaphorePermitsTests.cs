using Locksmith.Analyzers.CodeFixes;
using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class SemaphorePermitsTests
{
    private const string Prefix = """
        using System.Threading.Tasks;
        using Locksmith;

        public class Service
        {
            private const int None = 0;

        """;

    private static Task Verify(string body) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.SemaphorePermits, Prefix + body + "\n}", new SemaphorePermitsAnalyzer());

    [Fact]
    public Task Zero_negative_and_constant_zero_permits_are_flagged_on_the_argument() =>
        Verify("""
            [Semaphore([|0|])] public Task A() => Task.CompletedTask;
            [Semaphore([|-1|])] public Task B() => Task.CompletedTask;
            [Semaphore([|None|], Key = "k")] public Task C() => Task.CompletedTask;
            """);

    [Fact]
    public Task Positive_permits_are_not_flagged() =>
        Verify("""[Semaphore(1)] public Task A() => Task.CompletedTask; [Semaphore(permits: 3)] public Task B() => Task.CompletedTask;""");

    [Fact]
    public Task Fix_allows_one_permit() => CodeFixHarness.VerifyAsync(
        new SemaphorePermitsAnalyzer(), new SemaphorePermitsCodeFix(),
        Prefix + """    [Semaphore(0, Key = "k")] public Task A() => Task.CompletedTask;""" + "\n}",
        Prefix + """    [Semaphore(1, Key = "k")] public Task A() => Task.CompletedTask;""" + "\n}");
}
