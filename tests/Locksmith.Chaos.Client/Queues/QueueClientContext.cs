using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Client.Queues;

/// <summary>Who this queue client is (incarnation, group, pid) and where it logs.</summary>
public sealed class QueueClientContext(EventLog log, string id, string group)
{
    public string Id { get; } = id;

    /// <summary>The consumer group of the producer's queue this process consumes in (empty for the producer).</summary>
    public string Group { get; } = group;

    /// <summary>The group a queue's bodies run in here.</summary>
    public string GroupOf(string queue) => queue == QueueChaosSettings.ChainQueue ? QueueChaosSettings.ChainGroup : Group;

    /// <summary>Stamps the event with this client, its pid and the time, and logs it.</summary>
    public void Write(QueueEvent e) => log.Write(e with { Client = Id, Pid = Environment.ProcessId, At = Mono.NowUs() });
}
