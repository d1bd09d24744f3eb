using Locksmith.Chaos.History;
using Microsoft.Extensions.Logging;

namespace Locksmith.Chaos.Client.Queues;

/// <summary>
/// Turns the transports' "moved to the dead-letter stream" log event (id 7) into a <see cref="QueueEventKinds.DeadLettered"/>
/// event, so the checker learns of dead letters the same way on every transport. On Redis the event is logged just
/// before the dead-letter script runs, on Kafka just after its transaction committed.
/// </summary>
internal sealed class DeadLetterCapture(QueueClientContext context) : ILoggerProvider, ILogger
{
    private const int DeadLetteredEventId = 7;

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id != DeadLetteredEventId || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            return;
        }

        object? Value(string name) => values.FirstOrDefault(v => v.Key == name).Value;
        var queue = Value("Queue") as string;
        context.Write(new QueueEvent
        {
            Kind = QueueEventKinds.DeadLettered, Client = "", Queue = queue, ItemId = Value("ItemId") as string,
            Group = queue is null ? context.Group : context.GroupOf(queue), Attempt = Value("Attempts") is int attempts ? attempts : 0,
            Result = Value("ErrorType") as string,
        });
    }

    public void Dispose()
    {
    }
}
