using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Locksmith.Tests.Weaving;

/// <summary>Methods woven with [RateLimit], on the in-memory backend and a fake clock, so waits are exact and instant.</summary>
public sealed class WovenRateLimitTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly GeoService _service = new();

    /// <summary>An in-memory container on the fake clock, activated for the calling test's flow.</summary>
    private WovenTestContext Activate() => new(b => b.Services.AddSingleton<TimeProvider>(_time));

    [Fact]
    public async Task Calls_over_the_budget_throw_with_the_retry_after_and_each_key_has_its_own_budget()
    {
        await using var context = Activate();
        Assert.Equal(1, _service.Lookup("acme"));
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(2, _service.Lookup("acme"));

        var ex = Assert.Throws<RateLimitExceededException>(() => _service.Lookup("acme"));
        Assert.Equal("geo-api:acme", ex.Key);
        Assert.Equal(TimeSpan.FromSeconds(40), ex.RetryAfter);
        Assert.Equal(3, _service.Lookup("globex"));
        Assert.Equal(3, _service.Calls);

        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(4, _service.Lookup("acme"));
    }

    [Fact]
    public async Task A_call_waits_exactly_the_retry_after_when_it_fits_the_wait_timeout()
    {
        await using var context = Activate();
        Assert.Equal(1, await _service.WaitingAsync("acme", CancellationToken.None));
        var waiting = _service.WaitingAsync("acme", CancellationToken.None);

        _time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted, "The call ran before the permit came back.");
        Assert.Equal(1, _service.Calls);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_retry_after_beyond_the_wait_timeout_throws_at_once()
    {
        await using var context = Activate();
        Assert.Equal(1, await _service.SlowRefillAsync());
        var ex = await Assert.ThrowsAsync<RateLimitExceededException>(() => _service.SlowRefillAsync().AsTask()).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromMinutes(1), ex.RetryAfter);
        Assert.Equal(1, _service.Calls);
    }

    [Fact]
    public async Task The_methods_cancellation_token_cancels_the_wait()
    {
        await using var context = Activate();
        await _service.WaitingAsync("acme", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = _service.WaitingAsync("acme", cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _service.Calls);
    }

    [Fact]
    public async Task A_token_bucket_refills_one_permit_per_share_of_the_period()
    {
        await using var context = Activate();
        Assert.Equal(1, _service.Burst());
        Assert.Equal(2, _service.Burst());
        var ex = Assert.Throws<RateLimitExceededException>(() => _service.Burst());
        Assert.Equal(TimeSpan.FromMilliseconds(500), ex.RetryAfter);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(3, _service.Burst());
    }

    [Fact]
    public async Task Invalid_settings_are_refused_on_the_first_call_naming_the_method()
    {
        await using var context = Activate();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _service.NoPermits());
        Assert.Contains("NoPermits", ex.Message, StringComparison.Ordinal);
        var format = Assert.Throws<FormatException>(() => _service.BadPeriod());
        Assert.Contains("Per", format.Message, StringComparison.Ordinal);
        Assert.Equal(0, _service.Calls);
    }

}

public class GeoService
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    [RateLimit("geo-api:{tenantId}", Permits = 2, Per = "1m")]
    public int Lookup(string tenantId) => Interlocked.Increment(ref _calls);

    [RateLimit("geo-wait:{tenantId}", Permits = 1, Per = "1s", WaitTimeout = "5s")]
    public Task<int> WaitingAsync(string tenantId, CancellationToken cancellationToken) => Task.FromResult(Interlocked.Increment(ref _calls));

    [RateLimit("geo-slow", Permits = 1, Per = "1m", WaitTimeout = "2s")]
    public async ValueTask<int> SlowRefillAsync()
    {
        await Task.Yield();
        return Interlocked.Increment(ref _calls);
    }

    [RateLimit("geo-burst", Permits = 2, Per = "1s", Algorithm = RateLimitAlgorithm.TokenBucket)]
    public int Burst() => Interlocked.Increment(ref _calls);

    [RateLimit("geo-none", Permits = 0, Per = "1s")]
    public void NoPermits() => Interlocked.Increment(ref _calls);

    [RateLimit("geo-bad", Permits = 1, Per = "a minute")]
    public void BadPeriod() => Interlocked.Increment(ref _calls);
}
