using System.Diagnostics.Metrics;

namespace Locksmith.Tests.Weaving;

/// <summary>OnBusy = Busy.Skip: a call whose key is taken returns at once without running the body.</summary>
public sealed class WovenSkipTests
{
    [Fact]
    public async Task A_busy_lock_skips_the_body_and_counts_the_skip()
    {
        await using var context = new WovenTestContext();
        var job = new NightlyJob();
        using var skips = new SkipCounter();
        await using (await context.Locks.AcquireAsync("nightly:billing"))
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await job.RunAsync("billing");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"The skipped call took {watch.Elapsed}: it waited.");
        }

        Assert.Equal(0, job.Runs);
        Assert.Equal(1, skips.Count);

        await job.RunAsync("billing");
        Assert.Equal(1, job.Runs);
    }

    [Fact]
    public async Task A_skipped_call_returns_the_default_value_and_a_free_one_the_bodys()
    {
        await using var context = new WovenTestContext();
        var job = new NightlyJob();

        Assert.Equal(42, await job.CountAsync("free"));
        await using (await context.Locks.AcquireAsync("nightly:taken"))
        {
            Assert.Equal(0, await job.CountAsync("taken"));
            Assert.Equal(0, job.Count("taken"));
        }
    }

    [Fact]
    public async Task A_full_semaphore_skips_and_a_wait_timeout_set_with_skip_is_waited_first()
    {
        await using var context = new WovenTestContext();
        var job = new NightlyJob();
        await using (await context.Semaphores.AcquireAsync("reports", 1))
        {
            await job.ReportAsync();
            Assert.Equal(0, job.Runs);

            var watch = System.Diagnostics.Stopwatch.StartNew();
            await job.PatientAsync();
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"The skip with a 300 ms wait timeout came after {watch.Elapsed}.");
            Assert.Equal(0, job.Runs);
        }
    }

    [Fact]
    public async Task A_reentered_skipping_lock_runs_the_body()
    {
        await using var context = new WovenTestContext();
        var job = new NightlyJob();

        await job.OuterAsync("inner");

        Assert.Equal(1, job.Runs);
    }

    public sealed class NightlyJob
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        [DistributedLock("nightly:{name}", OnBusy = Busy.Skip)]
        public Task RunAsync(string name)
        {
            Interlocked.Increment(ref _runs);
            return Task.CompletedTask;
        }

#pragma warning disable LSM021 // The default on a skip is what these tests check.
        [DistributedLock("nightly:{name}", OnBusy = Busy.Skip)]
        public Task<int> CountAsync(string name) => Task.FromResult(42);

        [DistributedLock("nightly:{name}", OnBusy = Busy.Skip)]
        public int Count(string name) => 42;
#pragma warning restore LSM021

        [Semaphore(1, Key = "reports", OnBusy = Busy.Skip)]
        public Task ReportAsync()
        {
            Interlocked.Increment(ref _runs);
            return Task.CompletedTask;
        }

        [Semaphore(1, Key = "reports", OnBusy = Busy.Skip, WaitTimeout = "300ms")]
        public Task PatientAsync()
        {
            Interlocked.Increment(ref _runs);
            return Task.CompletedTask;
        }

        [DistributedLock("nightly:{name}", OnBusy = Busy.Skip)]
        public Task OuterAsync(string name) => RunAsync(name);
    }

    /// <summary>Counts locksmith.skipped measurements of this test's flow.</summary>
    private sealed class SkipCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly AsyncLocal<bool> _mine = new();
        private int _count;

        public SkipCounter()
        {
            _mine.Value = true;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == LocksmithTelemetry.MeterName && instrument.Name == "locksmith.skipped")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
            {
                if (_mine.Value)
                {
                    Interlocked.Add(ref _count, (int)value);
                }
            });
            _listener.Start();
        }

        public int Count => Volatile.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}

/// <summary>MinHold and MaxHold on the attributes.</summary>
public sealed class WovenHoldTests
{
    [Fact]
    public async Task MinHold_keeps_a_quick_scheduled_job_from_running_again_at_once()
    {
        await using var context = new WovenTestContext();
        var job = new Job();

        await job.RunAsync();
        await job.RunAsync();
        Assert.Equal(1, job.Runs);

        await Task.Delay(700);
        await job.RunAsync();
        Assert.Equal(2, job.Runs);
    }

    [Fact]
    public async Task MaxHold_cancels_a_body_that_outlives_it()
    {
        await using var context = new WovenTestContext();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new Job().StuckAsync(CancellationToken.None));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"The stuck body ran {watch.Elapsed} despite a 300 ms MaxHold.");
    }

    public sealed class Job
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        [DistributedLock("job:nightly", OnBusy = Busy.Skip, MinHold = "500ms")]
        public Task RunAsync()
        {
            Interlocked.Increment(ref _runs);
            return Task.CompletedTask;
        }

        [DistributedLock("job:stuck", MaxHold = "300ms", Ttl = "2s")]
        public Task StuckAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
