using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class ClusterSingletonTests
{
    private const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using Locksmith;
        using Microsoft.Extensions.Hosting;

        """;

    private static Task Shape(string code) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.ClusterSingletonShape, Usings + code, new ClusterSingletonShapeAnalyzer());

    private static Task Token(string code) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.SingletonTokenIgnored, Usings + code, new SingletonTokenIgnoredAnalyzer());

    [Fact]
    public Task Methods_without_Task_or_a_token_and_empty_names_are_flagged() =>
        Shape("""
            public class Jobs
            {
                [ClusterSingleton("a")] public void [|Sweep|](CancellationToken ct) { }
                [ClusterSingleton("b")] public Task [|Compact|]() => Task.CompletedTask;
                [ClusterSingleton("c")] public Task<int> [|Count|](CancellationToken ct) => Task.FromResult(1);
                [ClusterSingleton([|" "|])] public Task Empty(CancellationToken ct) => Task.Delay(1, ct);
                [ClusterSingleton("d")] public Task Fine(CancellationToken ct) => Task.Delay(1, ct);
            }
            """);

    [Fact]
    public Task A_class_without_ExecuteAsync_is_flagged_and_a_BackgroundService_is_not() =>
        Shape("""
            [[|ClusterSingleton("nothing-to-run")|]]
            public class NotAService
            {
                public Task RunAsync(CancellationToken ct) => Task.Delay(1, ct);
            }

            [ClusterSingleton("sweeper")]
            public class Sweeper : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Delay(1000, stoppingToken);
            }
            """);

    [Fact]
    public Task A_body_that_never_reads_its_token_is_flagged_on_the_parameter() =>
        Token("""
            public class Jobs
            {
                [ClusterSingleton("a")]
                public async Task SweepAsync(CancellationToken [|ct|])
                {
                    while (true) { await Task.Delay(1000); }
                }
            }

            [ClusterSingleton("b")]
            public class Sweeper : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken [|stoppingToken|])
                {
                    while (true) { await Task.Delay(1000); }
                }
            }
            """);

    [Fact]
    public Task Bodies_that_pass_or_check_the_token_are_not_flagged() =>
        Token("""
            public class Jobs
            {
                [ClusterSingleton("a")]
                public async Task SweepAsync(CancellationToken ct)
                {
                    while (!ct.IsCancellationRequested) { await Task.Delay(1000); }
                }

                [ClusterSingleton("b")]
                public Task CompactAsync(CancellationToken ct) => Task.Delay(1000, ct);

                public async Task NotASingleton(CancellationToken ct) { await Task.Delay(1000); }
            }

            [ClusterSingleton("c")]
            public class Sweeper : BackgroundService
            {
                public Task Other(CancellationToken ignored) => Task.CompletedTask;

                protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Delay(1000, stoppingToken);
            }
            """);
}
