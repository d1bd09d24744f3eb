using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Locksmith.Testing;
using Locksmith.Tests.Weaving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Locksmith.Tests.Diagnostics;

[Collection(GlobalRuntimeCollection.Name)]
public sealed class TelemetryTests
{
    [Fact]
    public async Task Acquisitions_timeouts_waits_holds_and_losses_are_measured()
    {
        var measurements = new ConcurrentBag<(string Instrument, double Value, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LocksmithTelemetry.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Add((i.Name, v, Outcome(tags))));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Add((i.Name, v, Outcome(tags))));
        listener.Start();
        var key = "telemetry:" + Guid.NewGuid();

        await using (var provider = new ServiceCollection().AddLocksmith().BuildServiceProvider())
        {
            var locks = provider.GetRequiredService<ILockProvider>();
            var lease = await locks.AcquireAsync(key, new LockOptions { Ttl = TimeSpan.FromMilliseconds(300), Renew = false });
            await Assert.ThrowsAsync<LockTimeoutException>(() => locks.AcquireAsync(key, new LockOptions { WaitTimeout = TimeSpan.FromMilliseconds(50) }).AsTask());
            await WaitForAsync(lease.LostToken);

            // The token is cancelled before the loss is counted and logged, so the work under the lease stops first.
            await Eventually.UntilAsync(() => measurements.Any(m => m.Instrument == "locksmith.leases.lost"), TimeSpan.FromSeconds(10), "the loss to be counted");
            await lease.DisposeAsync();
        }

        Assert.Contains(measurements, m => m.Instrument == "locksmith.acquisitions");
        Assert.Contains(measurements, m => m.Instrument == "locksmith.timeouts");
        Assert.Contains(measurements, m => m.Instrument == "locksmith.leases.lost");
        Assert.Contains(measurements, m => m.Instrument == "locksmith.lease.hold" && m.Value > 0);
        Assert.Contains(measurements, m => m.Instrument == "locksmith.acquire.wait" && m.Outcome == "timeout" && m.Value >= 0.04);
        Assert.Contains(measurements, m => m.Instrument == "locksmith.acquire.wait" && m.Outcome == "acquired");
    }

    [Fact]
    public async Task Woven_calls_are_traced_with_the_key()
    {
        var activities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == LocksmithTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var context = new WovenTestContext();

        await context.Service.ReserveAsync("traced", 1);

        Assert.Contains(activities, a => a.OperationName == "locksmith.acquire lock" && (string?)a.GetTagItem("locksmith.key") == "stock:traced");
    }

    [Fact]
    public async Task Lost_leases_and_timeouts_are_logged_with_stable_event_ids()
    {
        var logger = new RecordingLoggerProvider();
        await using var provider = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logger))
            .AddLocksmith()
            .BuildServiceProvider();
        var locks = provider.GetRequiredService<ILockProvider>();

        await using var lease = await locks.AcquireAsync("logged", new LockOptions { Ttl = TimeSpan.FromMilliseconds(200), Renew = false });
        await Assert.ThrowsAsync<LockTimeoutException>(() => locks.AcquireAsync("logged", new LockOptions { WaitTimeout = TimeSpan.FromMilliseconds(20) }).AsTask());
        await WaitForAsync(lease.LostToken);
        await Eventually.UntilAsync(() => logger.Entries.Any(e => e.EventId == 1), TimeSpan.FromSeconds(10), "the loss to be logged");

        Assert.Contains(logger.Entries, e => e.EventId == 1 && e.Level == LogLevel.Warning && e.Message.Contains("'logged' was lost", StringComparison.Ordinal));
        Assert.Contains(logger.Entries, e => e.EventId == 2 && e.Message.Contains("Timed out", StringComparison.Ordinal));
    }

    private static string? Outcome(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "outcome")
            {
                return (string?)tag.Value;
            }
        }

        return null;
    }

    private static async Task WaitForAsync(CancellationToken token)
    {
        var fired = new TaskCompletionSource();
        using var registration = token.Register(fired.SetResult);
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        public ConcurrentBag<(int EventId, LogLevel Level, string Message)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Recorder(this);

        public void Dispose()
        {
        }

        private sealed class Recorder(RecordingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Add((eventId.Id, logLevel, formatter(state, exception)));
        }
    }
}
