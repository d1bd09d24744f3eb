using System.Collections.Concurrent;
using Locksmith.Backends;
using Locksmith.InMemory;
using Locksmith.Leadership;
using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Locksmith.Tests.Weaving;

/// <summary>[ClusterSingleton] woven into real methods: nodes are containers sharing one in-memory "server".</summary>
public sealed class WovenClusterSingletonTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly InMemoryLockStore _store = new(TimeProvider.System);
    private readonly InMemoryLeaderRecords _records = new(TimeProvider.System);
    private readonly List<ServiceProvider> _nodes = [];

    [Fact]
    public async Task Only_one_node_runs_the_body_and_a_stopping_node_hands_over_at_once()
    {
        var sweeper = new Sweeper();
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = RunOn(Node(TimeSpan.FromSeconds(30)), () => sweeper.SweepAsync("a", stopA.Token));
        var runB = RunOn(Node(TimeSpan.FromSeconds(30)), () => sweeper.SweepAsync("b", stopB.Token));

        await Eventually.UntilAsync(() => sweeper.Runs.Count == 1, Patience, "a node to start the body");
        await Task.Delay(300);
        Assert.Single(sweeper.Runs);
        var first = sweeper.Runs.Single();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await (first.Node == "a" ? stopA : stopB).CancelAsync();
        await Eventually.UntilAsync(() => sweeper.Runs.Count == 2, Patience, "the other node to take over");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"The hand-over took {watch.Elapsed}: it waited for the 30 s time to live.");
        var second = sweeper.Runs.Last();
        Assert.NotEqual(first.Node, second.Node);
        Assert.True(second.Term > first.Term);
        Assert.Equal(1, sweeper.MaxInside);

        await (first.Node == "a" ? stopB : stopA).CancelAsync();
        await Task.WhenAll(runA, runB).WaitAsync(Patience).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lost_leadership_cancels_the_body_and_the_node_campaigns_again(bool bodyFailsOnCancellation)
    {
        // A body cut off from its resources usually fails with their errors rather than a cancellation: after a loss
        // that failure must not stop the host, only end this term.
        var sweeper = new Sweeper { FailOnCancellation = bodyFailsOnCancellation };
        using var stop = new CancellationTokenSource();
        var run = RunOn(Node(TimeSpan.FromMilliseconds(600)), () => sweeper.SweepAsync("a", stop.Token));
        await Eventually.UntilAsync(() => sweeper.Runs.Count == 1, Patience, "the body to start");

        var lease = (InMemoryLease)((LeaseLeadership)sweeper.Runs.Single().Leadership).Lease;
        Assert.True(_store.Release(LeaseKind.Lock, lease.Key, lease.Owner));

        await Eventually.UntilAsync(() => sweeper.Runs.Count == 2, Patience, "the body to be cancelled and run again under a new term");
        Assert.True(sweeper.Runs[0].Cancelled, "The body's token was not cancelled when the leadership was lost.");
        Assert.True(sweeper.Runs[1].Term > sweeper.Runs[0].Term);

        // Stopping is not a loss: what the body throws then is the caller's to see.
        await stop.CancelAsync();
        var ended = await Record.ExceptionAsync(() => run.WaitAsync(Patience));
        Assert.IsType(bodyFailsOnCancellation ? typeof(InvalidOperationException) : typeof(TaskCanceledException), ended);
    }

    [Fact]
    public async Task On_a_BackgroundService_only_ExecuteAsync_waits_for_the_leadership()
    {
        var sweeper = new Sweeper();
        var (nodeA, nodeB) = (Node(TimeSpan.FromSeconds(30)), Node(TimeSpan.FromSeconds(30)));
        var (a, b) = (new SweepingService(sweeper, "a"), new SweepingService(sweeper, "b"));
        await StartOn(nodeA, a);
        await StartOn(nodeB, b);

        await Eventually.UntilAsync(() => sweeper.Runs.Count == 1, Patience, "one service to start sweeping");
        Assert.Equal("described", b.Describe());

        var leader = sweeper.Runs.Single().Node == "a" ? a : b;
        var follower = leader == a ? b : a;
        await leader.StopAsync(CancellationToken.None).WaitAsync(Patience);
        await Eventually.UntilAsync(() => sweeper.Runs.Count == 2, Patience, "the other service to take over after the host stopped");
        Assert.Equal(1, sweeper.MaxInside);
        await follower.StopAsync(CancellationToken.None).WaitAsync(Patience);
    }

    [Fact]
    public void A_method_without_a_CancellationToken_is_refused_with_the_fix()
    {
        using var scope = Node(TimeSpan.FromSeconds(30)).GetRequiredService<LocksmithRuntime>().ActivateForCurrentFlow();

        // The refusal is thrown by the call itself, before any task exists: the method's shape is wrong, not its run.
        var ex = Assert.Throws<NotSupportedException>(() => { _ = new Sweeper().WithoutToken(); });

        Assert.Contains("take a CancellationToken", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Sweeper.WithoutToken), ex.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _store.Dispose();
    }

    private static Task RunOn(ServiceProvider node, Func<Task> call) => Task.Run(async () =>
    {
        using var scope = node.GetRequiredService<LocksmithRuntime>().ActivateForCurrentFlow();
        await call();
    });

    private static async Task StartOn(ServiceProvider node, IHostedService service)
    {
        using var scope = node.GetRequiredService<LocksmithRuntime>().ActivateForCurrentFlow();
        await service.StartAsync(CancellationToken.None);
    }

    private ServiceProvider Node(TimeSpan ttl)
    {
        var services = new ServiceCollection();
        services.AddSingleton(_store);
        services.AddSingleton<ILeaderRecordStore>(_records);
        services.AddLocksmith(b => b.UseInMemory().ConfigureDefaults(o => o.Leadership = new LeaderElectionOptions { Ttl = ttl }));
        var node = services.BuildServiceProvider();
        _nodes.Add(node);
        return node;
    }

    public sealed record Run(string Node, ILeadership Leadership)
    {
        public long Term => Leadership.Term;

        public bool Cancelled { get; set; }
    }

    public sealed class Sweeper
    {
        private int _inside;
        private int _maxInside;

        public List<Run> Runs { get; } = [];

        public int MaxInside => Volatile.Read(ref _maxInside);

        public bool FailOnCancellation { get; init; }

        [ClusterSingleton("sweeper")]
        public async Task SweepAsync(string node, CancellationToken cancellationToken) => await BodyAsync(node, cancellationToken);

        [ClusterSingleton("sweeper")]
        public Task WithoutToken() => Task.CompletedTask;

        public async Task BodyAsync(string node, CancellationToken cancellationToken)
        {
            var run = new Run(node, LeaderElection.Current!);
            lock (Runs)
            {
                Runs.Add(run);
            }

            var now = Interlocked.Increment(ref _inside);
            InterlockedMax(now);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                run.Cancelled = true;
                if (FailOnCancellation)
                {
                    throw new InvalidOperationException("The resource went away.");
                }

                throw;
            }
            finally
            {
                Interlocked.Decrement(ref _inside);
            }
        }

        private void InterlockedMax(int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref _maxInside)) < value && Interlocked.CompareExchange(ref _maxInside, value, seen) != seen)
            {
            }
        }
    }

    [ClusterSingleton("sweeping-service")]
    public sealed class SweepingService(Sweeper sweeper, string node) : BackgroundService
    {
        public string Describe() => "described";

        protected override Task ExecuteAsync(CancellationToken stoppingToken) => sweeper.BodyAsync(node, stoppingToken);
    }
}
