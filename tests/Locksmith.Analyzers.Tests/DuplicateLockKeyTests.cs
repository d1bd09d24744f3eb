using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class DuplicateLockKeyTests
{
    private const string Prefix = """
        using System.Threading.Tasks;
        using Locksmith;

        public class Bank
        {

        """;

    private static Task Verify(string body) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.DuplicateLockKey, Prefix + body + "\n}", new DuplicateLockKeyAnalyzer());

    [Fact]
    public Task A_template_written_twice_is_flagged_on_its_second_occurrence() =>
        Verify("""
            [DistributedLock("account:{from}", [|"account:{from}"|])] public Task TransferAsync(string from, string to) => Task.CompletedTask;
            [DistributedLock("a:{x}", "b:{x}", [|"a:{x}"|])] public Task ThreeAsync(string x) => Task.CompletedTask;
            """);

    [Fact]
    public Task Different_templates_and_single_keys_are_not_flagged() =>
        Verify("""
            [DistributedLock("account:{from}", "account:{to}")] public Task TransferAsync(string from, string to) => Task.CompletedTask;
            [DistributedLock("account:{from}")] public Task OneAsync(string from) => Task.CompletedTask;
            """);
}
