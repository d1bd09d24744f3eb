using Locksmith.Backends;
using Microsoft.Extensions.Logging.Abstractions;

namespace Locksmith.Tests.Leasing;

/// <summary>
/// One renewal that never answers (a request on a silent socket) must not hold up any other lease of the process, and
/// its own lease must be reported lost at its deadline, not when (or if) the call returns.
/// </summary>
public sealed class HungRenewalTests
{
    [Fact]
    public async Task A_hung_renewal_delays_neither_the_other_leases_renewals_nor_its_own_lost_signal()
    {
        await using var client = new LeaseClient(TimeProvider.System, NullLogger.Instance);
        var options = new LockOptions { Ttl = TimeSpan.FromMilliseconds(900) };
        var hung = new ScriptedLease(client, "hung", options, hangs: true);
        var healthy = new ScriptedLease(client, "healthy", options, hangs: false);
        hung.Start();
        healthy.Start();

        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = hung.LostToken.Register(lost.SetResult);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(started.Elapsed < TimeSpan.FromMilliseconds(1_200), $"The hung lease was reported lost after {started.ElapsedMilliseconds} ms, past its 900 ms TTL.");

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(healthy.IsLost, "The healthy lease was lost: its renewals waited behind the hung one.");
        Assert.True(healthy.Extensions >= 6, $"The healthy lease was extended {healthy.Extensions} times in about 3 s at a 300 ms cadence.");
        await healthy.DisposeAsync();
        await hung.DisposeAsync();
    }

    /// <summary>A lease whose backend either extends at once or never answers until the call is cancelled.</summary>
    private sealed class ScriptedLease(LeaseClient client, string key, LeaseOptions options, bool hangs)
        : LeaseBase(client, LeaseKind.Lock, key, options, client.Time.GetTimestamp())
    {
        private int _extensions;

        public int Extensions => Volatile.Read(ref _extensions);

        protected override async ValueTask<bool> ExtendCoreAsync(TimeSpan ttl, CancellationToken cancellationToken)
        {
            if (hangs)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            Interlocked.Increment(ref _extensions);
            return true;
        }

        protected override ValueTask ReleaseCoreAsync() => ValueTask.CompletedTask;
    }
}
