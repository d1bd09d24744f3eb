using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.RateLimiting;

namespace Locksmith.Tests.RateLimiting;

/// <summary>Polly's rate-limiter strategy takes a Locksmith limiter as it is; a refusal reaches Polly's exception with its retry-after.</summary>
public sealed class PollyRateLimiterTests
{
    [Fact]
    public async Task Polly_rejects_past_the_budget_with_the_backends_retry_after()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var services = new ServiceCollection().AddSingleton<TimeProvider>(time).AddLocksmith().BuildServiceProvider();
        using var limiter = services.GetRequiredService<IRateLimiterProvider>().CreateSlidingWindow(
            "geo-api", new() { PermitLimit = 2, Window = TimeSpan.FromSeconds(10) });
        var pipeline = new ResiliencePipelineBuilder().AddRateLimiter(limiter).Build();
        var calls = 0;

        await pipeline.ExecuteAsync(_ => ValueTask.FromResult(++calls));
        time.Advance(TimeSpan.FromSeconds(4));
        await pipeline.ExecuteAsync(_ => ValueTask.FromResult(++calls));
        var rejected = await Assert.ThrowsAsync<RateLimiterRejectedException>(() => pipeline.ExecuteAsync(_ => ValueTask.FromResult(++calls)).AsTask());

        Assert.Equal(2, calls);
        Assert.Equal(TimeSpan.FromSeconds(6), rejected.RetryAfter);
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(3, await pipeline.ExecuteAsync(_ => ValueTask.FromResult(++calls)));
    }
}
