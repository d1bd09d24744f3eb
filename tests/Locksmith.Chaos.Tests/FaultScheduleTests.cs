using Locksmith.Chaos.History;
using Locksmith.Chaos.Schedule;

namespace Locksmith.Chaos.Tests;

public class FaultScheduleTests
{
    [Fact]
    public void A_seed_gives_the_same_schedule_every_time()
    {
        var first = FaultSchedule.Create(123, Topology.Redlock, 7, TimeSpan.FromMinutes(2));
        var second = FaultSchedule.Create(123, Topology.Redlock, 7, TimeSpan.FromMinutes(2));
        Assert.Equal(first.Select(s => s.ToString()), second.Select(s => s.ToString()));
        Assert.NotEqual(first.Select(s => s.ToString()), FaultSchedule.Create(124, Topology.Redlock, 7, TimeSpan.FromMinutes(2)).Select(s => s.ToString()));
    }

    [Fact]
    public void Each_topology_gets_its_own_server_faults()
    {
        var single = FaultSchedule.Create(7, Topology.OneServer, 7, TimeSpan.FromMinutes(10));
        var redlock = FaultSchedule.Create(7, Topology.Redlock, 7, TimeSpan.FromMinutes(10));
        Assert.Contains(single, s => s.Kind == FaultKind.KillServer);
        Assert.DoesNotContain(single, s => s.Kind is FaultKind.LoseMinority or FaultKind.LoseMajority);
        Assert.Contains(redlock, s => s.Kind == FaultKind.LoseMinority && s.Targets.Count == 2);
        Assert.Contains(redlock, s => s.Kind == FaultKind.LoseMajority && s.Targets.Count == 3);
        Assert.All(redlock.Concat(single), s => Assert.InRange(s.Duration, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4)));
    }

    [Fact]
    public void A_queue_schedule_is_seeded_and_keeps_each_fault_to_its_targets()
    {
        var redis = QueueFaultSchedule.Create(11, QueueTransport.Redis, 4, 2, TimeSpan.FromMinutes(10));
        Assert.Equal(redis.Select(s => s.ToString()), QueueFaultSchedule.Create(11, QueueTransport.Redis, 4, 2, TimeSpan.FromMinutes(10)).Select(s => s.ToString()));
        Assert.Contains(redis, s => s.Kind == FaultKind.KillServer);
        Assert.Contains(redis, s => s.Kind == FaultKind.DropReply && s.Targets[0] == 6);
        Assert.All(redis.Where(s => s.Kind is FaultKind.KillClient or FaultKind.PauseClient or FaultKind.TerminateClient), s => Assert.InRange(s.Targets[0], 0, 3));
        Assert.All(redis.Where(s => s.Kind == FaultKind.JoinConsumer), s => Assert.InRange(s.Targets[0], 4, 5));

        // The mock cluster lives in the orchestrator: no network or server faults there.
        var kafka = QueueFaultSchedule.Create(11, QueueTransport.Kafka, 4, 2, TimeSpan.FromMinutes(10));
        Assert.All(kafka, s => Assert.Contains(s.Kind, new[] { FaultKind.KillClient, FaultKind.PauseClient, FaultKind.TerminateClient, FaultKind.JoinConsumer }));
        Assert.Equal(4, kafka.Select(s => s.Kind).Distinct().Count());
    }
}
