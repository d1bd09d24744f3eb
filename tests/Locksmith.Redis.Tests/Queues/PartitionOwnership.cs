using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Locksmith.Redis.Tests.Queues;

/// <summary>
/// The partitions one in-process consumer host owns, followed through its "took partition" and "gave up partition"
/// log events (ids 8 and 9), since hosts in one process cannot be told apart in Redis.
/// </summary>
internal sealed class PartitionOwnership : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, int> _owned = new();

    /// <summary>How many partitions of <paramref name="queue"/> the host owns.</summary>
    public int Owned(string queue) => _owned.Keys.Count(k => k.StartsWith(queue + "/", StringComparison.Ordinal));

    public override string ToString() => string.Join(",", _owned.Keys.Order());

    public ILogger CreateLogger(string categoryName) => new Listener(this);

    public void Dispose()
    {
    }

    private sealed class Listener(PartitionOwnership ownership) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> values || values.FirstOrDefault(v => v.Key == "Partition").Value is not { } partition)
            {
                return;
            }

            var queue = values.FirstOrDefault(v => v.Key == "Queue").Value;
            var key = $"{queue}/{partition}";
            if (eventId.Id == 8)
            {
                ownership._owned[key] = 1;
            }
            else if (eventId.Id == 9)
            {
                ownership._owned.TryRemove(key, out _);
            }
        }
    }
}
