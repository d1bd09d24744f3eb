using System.Collections.Concurrent;
using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Redis.Tests.Queues;

/// <summary>
/// The consumer resolves a queued method's service with the lifetime it was registered with: a scoped (or
/// unregistered) service gets a fresh scope per item, disposed after the body; a singleton is the one instance.
/// </summary>
public sealed class QueueServiceLifetimeTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task A_scoped_service_gets_its_own_instance_per_item_disposed_after_it_and_a_singleton_is_shared()
    {
        var journal = new LifetimeJournal();
        await using var host = await QueueTestHost.StartAsync(fixture.Server.EndPoint, $"lt{Guid.NewGuid().ToString("N")[..6]}:", consume: true, s => s
            .AddSingleton(journal)
            .AddScoped<ScopedWork>()
            .AddSingleton<SingletonWork>());
        var runtime = host.Services.GetRequiredService<LocksmithRuntime>();
        using (runtime.ActivateForCurrentFlow())
        {
            using var scope = host.Services.CreateScope();
            for (var i = 0; i < 3; i++)
            {
                await scope.ServiceProvider.GetRequiredService<ScopedWork>().RunAsync(i);
                await host.Services.GetRequiredService<SingletonWork>().RunAsync(i);
            }
        }

        await Eventually.UntilAsync(() => journal.Scoped.Count == 3 && journal.Singleton.Count == 3, TimeSpan.FromSeconds(20), "the six items to run");
        Assert.Equal(3, journal.Scoped.Distinct().Count());
        Assert.Single(journal.Singleton.Distinct());
        await Eventually.UntilAsync(() => journal.Scoped.All(journal.Disposed.Contains), TimeSpan.FromSeconds(5), "each item's scoped instance to be disposed");
    }

    public sealed class LifetimeJournal
    {
        public ConcurrentQueue<Guid> Scoped { get; } = new();

        public ConcurrentQueue<Guid> Singleton { get; } = new();

        public ConcurrentQueue<Guid> Disposed { get; } = new();
    }

    public sealed class ScopedWork(LifetimeJournal journal) : IDisposable
    {
        public const string Queue = "lifetime-scoped";

        private readonly Guid _instance = Guid.NewGuid();

        [QueuedBy(Queue)]
        public Task RunAsync(int n)
        {
            journal.Scoped.Enqueue(_instance);
            return Task.CompletedTask;
        }

        public void Dispose() => journal.Disposed.Enqueue(_instance);
    }

    public sealed class SingletonWork(LifetimeJournal journal)
    {
        public const string Queue = "lifetime-singleton";

        private readonly Guid _instance = Guid.NewGuid();

        [QueuedBy(Queue)]
        public Task RunAsync(int n)
        {
            journal.Singleton.Enqueue(_instance);
            return Task.CompletedTask;
        }
    }
}
