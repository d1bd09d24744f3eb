using Locksmith.Analyzers.CodeFixes;
using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class AttributeTtlTests
{
    private const string Prefix = """
        using System.Threading.Tasks;
        using Locksmith;

        public class Service
        {

        """;

    private static Task Verify(string body) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.AttributeTtl, Prefix + body + "\n}", new AttributeTtlAnalyzer());

    [Fact]
    public Task Zero_negative_infinite_and_unparseable_ttls_are_flagged_on_the_value() =>
        Verify("""
            [DistributedLock("a", Ttl = [|"0"|])] public Task A() => Task.CompletedTask;
            [DistributedLock("b", Ttl = [|"-5s"|])] public Task B() => Task.CompletedTask;
            [DistributedLock("c", Ttl = [|"infinite"|])] public Task C() => Task.CompletedTask;
            [Semaphore(2, Ttl = [|"forever"|])] public Task D() => Task.CompletedTask;
            [Semaphore(2, Ttl = [|"0.5ms"|])] public Task E() => Task.CompletedTask;
            """);

    [Fact]
    public Task Positive_finite_or_default_ttls_are_not_flagged() =>
        Verify("""
            [DistributedLock("a", Ttl = "30s", WaitTimeout = "infinite")] public Task A() => Task.CompletedTask;
            [DistributedLock("b", Ttl = "00:00:30")] public Task B() => Task.CompletedTask;
            [DistributedLock("c")] public Task C() => Task.CompletedTask;
            [Semaphore(2, Ttl = "250ms", WaitTimeout = "0")] public Task D() => Task.CompletedTask;
            """);

    [Fact]
    public Task Fix_sets_thirty_seconds() => CodeFixHarness.VerifyAsync(
        new AttributeTtlAnalyzer(), new AttributeTtlCodeFix(),
        Prefix + """    [DistributedLock("a", Ttl = "infinite")] public Task A() => Task.CompletedTask;""" + "\n}",
        Prefix + """    [DistributedLock("a", Ttl = "30s")] public Task A() => Task.CompletedTask;""" + "\n}");
}
