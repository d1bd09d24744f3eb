using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class RateLimitBudgetTests
{
    private const string Prefix = """
        using System.Threading.Tasks;
        using Locksmith;

        public class Service
        {
            private const int None = 0;

        """;

    private static Task Verify(string body) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.RateLimitBudget, Prefix + body + "\n}", new RateLimitBudgetAnalyzer());

    [Fact]
    public Task Permits_under_one_are_flagged_on_the_argument() =>
        Verify("""
            [RateLimit("a", Permits = [|0|], Per = "1m")] public Task A() => Task.CompletedTask;
            [RateLimit("b", Permits = [|-5|], Per = "1m")] public Task B() => Task.CompletedTask;
            [RateLimit("c", Permits = [|None|], Per = "1m")] public Task C() => Task.CompletedTask;
            """);

    [Fact]
    public Task A_missing_budget_is_flagged_on_the_attribute_once_per_missing_setting() =>
        Verify("""
            [{|LSM018:{|LSM018:RateLimit("a")|}|}] public Task A() => Task.CompletedTask;
            [{|LSM018:RateLimit("b", Permits = 10)|}] public Task B() => Task.CompletedTask;
            """);

    [Fact]
    public Task A_period_that_is_not_a_positive_finite_duration_is_flagged() =>
        Verify("""
            [RateLimit("a", Permits = 1, Per = [|"a minute"|])] public Task A() => Task.CompletedTask;
            [RateLimit("b", Permits = 1, Per = [|"infinite"|])] public Task B() => Task.CompletedTask;
            [RateLimit("c", Permits = 1, Per = [|"0"|])] public Task C() => Task.CompletedTask;
            [RateLimit("d", Permits = 1, Per = [|"-1s"|])] public Task D() => Task.CompletedTask;
            [RateLimit("e", Permits = 1, Per = [|"400d"|])] public Task E() => Task.CompletedTask;
            """);

    [Fact]
    public Task A_wait_timeout_that_is_not_a_duration_or_negative_is_flagged() =>
        Verify("""
            [RateLimit("a", Permits = 1, Per = "1s", WaitTimeout = [|"soon"|])] public Task A() => Task.CompletedTask;
            [RateLimit("b", Permits = 1, Per = "1s", WaitTimeout = [|"-2s"|])] public Task B() => Task.CompletedTask;
            """);

    [Fact]
    public Task Working_budgets_are_not_flagged() =>
        Verify("""
            [RateLimit("geo-api:{tenantId}", Permits = 100, Per = "1m", WaitTimeout = "2s")] public Task A(string tenantId) => Task.CompletedTask;
            [RateLimit("b", Permits = 1, Per = "00:00:01", WaitTimeout = "infinite", Algorithm = RateLimitAlgorithm.TokenBucket)] public int B() => 1;
            [RateLimit("c", Permits = 5, Per = "250ms", WaitTimeout = "0")] public void C() { }
            """);
}
