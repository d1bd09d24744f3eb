using Confluent.Kafka;
using Locksmith.Kafka.Internal;
using Locksmith.Queues;

namespace Locksmith.Kafka.Queues;

/// <summary>
/// Keeps one queue's group member running on its own thread: a session that fails (brokers gone, producer fenced) is
/// replaced after a pause by a new one, which starts again from the committed offsets.
/// </summary>
internal sealed class KafkaQueueConsumer : IAsyncDisposable
{
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stopping = new();
    private readonly KafkaConsumerContext _context;
    private readonly string _consumerName;
    private readonly Task _running;

    public KafkaQueueConsumer(KafkaQueueTransport transport, string queue, QueueOptions options, QueueConsumption consumption)
    {
        _context = new KafkaConsumerContext(transport, queue, options, consumption.Handler);
        _consumerName = consumption.ConsumerName;
        _running = Task.Factory.StartNew(Supervise, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void Supervise()
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                EnsureTopic();
                using var session = new KafkaConsumerSession(_context, _consumerName);
                session.Run(_stopping.Token);
                return;
            }
            catch (Exception e) when (!_stopping.IsCancellationRequested)
            {
                KafkaLog.KafkaConsumerFailed(_context.Logger, _context.Queue, delay.TotalMilliseconds, e);
                _stopping.Token.WaitHandle.WaitOne(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRestartDelay.Ticks));
            }
        }
    }

    /// <summary>Subscribing to a topic that does not exist yet would only report errors until it does; ask for it first.</summary>
    private void EnsureTopic()
    {
        var lookup = _context.Transport.Topics.PartitionsAsync(_context.Transport.Names.Items(_context.Queue));
        ((IAsyncResult)lookup).AsyncWaitHandle.WaitOne();
        if (lookup.IsFaulted)
        {
            throw lookup.Exception!.InnerException!;
        }
    }
}
