using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class SkipReturnsDefaultTests
{
    private const string Prefix = """
        using System.Threading.Tasks;
        using Locksmith;

        public class Jobs
        {

        """;

    private static Task Verify(string body) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.SkipReturnsDefault, Prefix + body + "\n}", new SkipReturnsDefaultAnalyzer());

    [Fact]
    public Task Skipping_methods_that_return_a_value_are_flagged() =>
        Verify("""
            [[|DistributedLock("a", OnBusy = Busy.Skip)|]] public Task<int> CountAsync() => Task.FromResult(1);
            [[|DistributedLock("b", OnBusy = Busy.Skip)|]] public ValueTask<string> NameAsync() => new("x");
            [[|Semaphore(2, OnBusy = Busy.Skip)|]] public bool Sync() => true;
            """);

    [Fact]
    public Task Skipping_methods_without_a_value_and_waiting_methods_are_not_flagged() =>
        Verify("""
            [DistributedLock("a", OnBusy = Busy.Skip)] public Task RunAsync() => Task.CompletedTask;
            [DistributedLock("b", OnBusy = Busy.Skip)] public ValueTask Run2Async() => default;
            [Semaphore(2, OnBusy = Busy.Skip)] public void Sync() { }
            [DistributedLock("c")] public Task<int> CountAsync() => Task.FromResult(1);
            [DistributedLock("d", OnBusy = Busy.Wait)] public int Count() => 1;
            """);
}
