using System.Runtime.CompilerServices;
using Xunit;

namespace Locksmith.Conformance;

/// <summary>Shared plumbing: the backend, clients that are cleaned up, and keys unique to each test.</summary>
public abstract class ConformanceTestBase : IAsyncLifetime
{
    private readonly List<ConformanceClient> _clients = [];
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    /// <summary>The backend under test, created once per test.</summary>
    protected ConformanceBackend Backend { get; private set; } = null!;

    /// <summary>Creates the backend under test.</summary>
    protected abstract ValueTask<ConformanceBackend> CreateBackendAsync();

    /// <summary>A generous bound for things that should happen promptly, so a loaded CI machine does not fail a correct backend.</summary>
    protected static TimeSpan Patience => TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public async Task InitializeAsync() => Backend = await CreateBackendAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Backend.DisposeAsync();
    }

    /// <summary>Connects a client that is disposed after the test.</summary>
    protected async Task<ConformanceClient> ConnectAsync(LocksmithOptions? defaults = null)
    {
        var client = await Backend.ConnectAsync(defaults);
        _clients.Add(client);
        return client;
    }

    /// <summary>A key no other test (or earlier run against the same server) uses.</summary>
    protected string Key([CallerMemberName] string test = "") => $"{GetType().Name}:{test}:{_run}";

    /// <summary>Waits until <paramref name="token"/> fires, failing the test after <see cref="Patience"/>.</summary>
    protected static async Task WaitForAsync(string what, CancellationToken token)
    {
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = token.Register(() => fired.TrySetResult());
        var finished = await Task.WhenAny(fired.Task, Task.Delay(Patience, CancellationToken.None));
        Assert.True(finished == fired.Task, $"Expected {what} within {Patience.TotalSeconds} s.");
    }
}
