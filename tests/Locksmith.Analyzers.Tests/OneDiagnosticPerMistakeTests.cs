namespace Locksmith.Analyzers.Tests;

/// <summary>
/// A mistake on a [QueuedBy] method's signature is the generator's to report (LSG013); the analyzers once reported the
/// same parameters as LSM010, and a user got two errors for one mistake. These run both, as a real build does.
/// </summary>
public class OneDiagnosticPerMistakeTests
{
    private const string Prefix = """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Locksmith;

        public sealed record Order(string Id, decimal Total);

        public unsafe class Service
        {
            [QueuedBy("ok")] public Task Fine(Order order, CancellationToken ct) => Task.CompletedTask;

        """;

    [Theory]
    [InlineData("""[QueuedBy("q")] public void Run({|LSG013:ref int counter|}) { }""")]
    [InlineData("""[QueuedBy("q")] public void Run({|LSG013:out int counter|}) { counter = 1; }""")]
    [InlineData("""[QueuedBy("q")] public void Run({|LSG013:in Order order|}) { }""")]
    [InlineData("""[QueuedBy("q")] public void Run({|LSG013:ref readonly int counter|}) { }""")]
    [InlineData("""[QueuedBy("q")] public void Run({|LSG013:int* pointer|}) { }""")]
    [InlineData("""[QueuedBy("q")] public void Run({|LSG013:delegate*<void> callback|}) { }""")]
    [InlineData("""[QueuedBy("q")] public void Run(string name, {|LSG013:Span<byte> data|}) { }""")]
    [InlineData("""[QueuedBy("q")] public void Run({|LSG013:ReadOnlySpan<char> text|}) { }""")]
    [InlineData("""[QueuedBy("q")] public void Run({|LSG013:Action callback|}) { }""")]
    [InlineData("""[QueuedBy("q")] public void Run({|LSG013:Func<Task> next|}) { }""")]
    [InlineData("""[QueuedBy("q")] public void Run({|LSG013:Stream body|}) { }""")]
    [InlineData("""[QueuedBy("q")] public void Run({|LSG013:MemoryStream copy|}) { }""")]
    public async Task A_parameter_that_cannot_travel_through_the_queue_is_reported_once_by_the_generator(string method)
    {
        var (source, expected) = Markup.Parse(Prefix + "    " + method + "\n}\n");

        var diagnostics = await ToolchainHarness.RunAsync(source);

        var single = Assert.Single(diagnostics, d => d.Id.StartsWith("LS", StringComparison.Ordinal));
        Assert.Equal("LSG013", single.Id);
        Assert.Equal(Assert.Single(expected).Span, single.Location.SourceSpan);
    }

    [Fact]
    public async Task Each_bad_parameter_of_one_method_is_reported_once()
    {
        var (source, expected) = Markup.Parse(Prefix + """
                [QueuedBy("q")] public void Run({|LSG013:Action callback|}, {|LSG013:ref int counter|}, Order order, {|LSG013:Span<byte> data|}) { }
            }
            """);

        var diagnostics = await ToolchainHarness.RunAsync(source);

        var reported = diagnostics.Where(d => d.Id.StartsWith("LS", StringComparison.Ordinal)).ToList();
        Assert.All(reported, d => Assert.Equal("LSG013", d.Id));
        Assert.Equal(expected.Select(e => e.Span).Order(), reported.Select(d => d.Location.SourceSpan).Order());
    }

    [Fact]
    public async Task Plain_data_and_a_cancellation_token_are_not_reported()
    {
        var diagnostics = await ToolchainHarness.RunAsync(Prefix + """
                [QueuedBy("q")] public Task Run(Order order, string note, int[] lines, DateTime at, byte[] payload, CancellationToken ct) => Task.CompletedTask;
                public void NotQueued(Action callback, ref int counter, Stream body) { }
            }
            """);

        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("LS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_value_returned_without_await_result_stays_the_analyzers_and_is_reported_once()
    {
        var (source, expected) = Markup.Parse(Prefix + """
                [{|LSM011:QueuedBy("q")|}] public Task<int> Run(Order order) => Task.FromResult(1);
            }
            """);

        var diagnostics = await ToolchainHarness.RunAsync(source);

        var single = Assert.Single(diagnostics, d => d.Id.StartsWith("LS", StringComparison.Ordinal));
        Assert.Equal("LSM011", single.Id);
        Assert.Equal(Assert.Single(expected).Span, single.Location.SourceSpan);
    }
}
