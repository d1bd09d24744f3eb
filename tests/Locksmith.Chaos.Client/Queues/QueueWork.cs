using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Client.Queues;

/// <summary>
/// The queued methods of the queue chaos. Each body of the producer's queue logs its start and end, waits a little, makes
/// one chained call (published only with its completion) and then fails when told to (an always-failing item, or a
/// flaky one on its first attempt). The chained body logs which item's completion published it.
/// </summary>
public sealed class QueueWork(QueueClientContext context)
{
    [QueuedBy(QueueChaosSettings.Queue, PartitionKey = "{key}", MaxAttempts = QueueChaosSettings.MaxAttempts)]
    public async Task RunAsync(string item, string key, int seq, string behaviour, CancellationToken cancellationToken)
    {
        var current = QueuedItem.Current ?? throw new InvalidOperationException("RunAsync ran outside a queued dispatch.");
        var start = new QueueEvent
        {
            Kind = QueueEventKinds.BodyStart, Client = "", Item = item, Key = key, Seq = seq, Behaviour = behaviour,
            ItemId = current.Id, Group = context.Group, Attempt = current.Attempt,
        };
        context.Write(start);
        try
        {
            await Task.Delay(Random.Shared.Next(2, 40), cancellationToken);
            await ChainAsync(item, context.Group);
            if (behaviour == QueueBehaviours.Poison || (behaviour == QueueBehaviours.Flaky && current.Attempt == 1))
            {
                throw new InvalidOperationException($"chaos: {item} fails ({behaviour}, attempt {current.Attempt}).");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Write(start with { Kind = QueueEventKinds.BodyEnd, Result = Results.Cancelled });
            throw;
        }
        catch (Exception e)
        {
            context.Write(start with { Kind = QueueEventKinds.BodyEnd, Result = Results.Error(e) });
            throw;
        }

        context.Write(start with { Kind = QueueEventKinds.BodyEnd, Result = Results.Ok });
    }

    /// <summary>Called inside <see cref="RunAsync"/>: held, and published atomically with that item's completion.</summary>
    [QueuedBy(QueueChaosSettings.ChainQueue, PartitionKey = "{parent}")]
    public Task ChainAsync(string parent, string parentGroup)
    {
        var current = QueuedItem.Current ?? throw new InvalidOperationException("ChainAsync ran outside a queued dispatch.");
        context.Write(new QueueEvent
        {
            Kind = QueueEventKinds.Chained, Client = "", Parent = parent, ParentGroup = parentGroup, ItemId = current.Id,
            Group = QueueChaosSettings.ChainGroup, Attempt = current.Attempt,
        });
        return Task.CompletedTask;
    }
}
