using Locksmith.Chaos.History;
using Locksmith.Chaos.Schedule;
using Locksmith.Testing;

namespace Locksmith.Chaos.Orchestration;

/// <summary>
/// Applies each <see cref="FaultStep"/> at its time and undoes it after its duration; counts what it injected. Without a
/// <see cref="ChaosCluster"/> (Kafka's mock cluster) only process faults can be applied.
/// </summary>
public sealed class FaultInjector(ChaosCluster? cluster, ClientSlots clients, Action<string> log)
{
    private readonly Lock _gate = new();

    public Dictionary<FaultKind, int> Injected { get; } = [];

    /// <summary>Network and server faults, for the record (client pauses and kills, by incarnation, are in <see cref="ClientSlots.Records"/>).</summary>
    public List<FaultRecord> Records { get; } = [];

    public async Task RunAsync(IReadOnlyList<FaultStep> steps, CancellationToken cancellationToken)
    {
        var start = Mono.NowUs();
        var running = new List<Task>();
        foreach (var step in steps)
        {
            var wait = TimeSpan.FromMicroseconds(start + (long)step.At.TotalMicroseconds - Mono.NowUs());
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            running.Add(ApplyAsync(step, cancellationToken));
        }

        await Task.WhenAll(running);
    }

    private async Task ApplyAsync(FaultStep step, CancellationToken cancellationToken)
    {
        var target = step.Targets[0];
        var from = Mono.NowUs();
        bool applied;
        Func<Task> undo = () => Task.CompletedTask;
        switch (step.Kind)
        {
            case FaultKind.KillClient:
                applied = clients.Kill(target);
                undo = () => { clients.Revive(target); return Task.CompletedTask; };
                break;
            case FaultKind.PauseClient:
                applied = clients.Pause(target);
                undo = () => { clients.Resume(target); return Task.CompletedTask; };
                break;
            case FaultKind.TerminateClient:
                applied = clients.Terminate(target);
                undo = () => { clients.Revive(target); return Task.CompletedTask; };
                break;
            case FaultKind.JoinConsumer:
                applied = clients.Join(target);
                undo = () => { clients.Terminate(target); return Task.CompletedTask; };
                break;
            case FaultKind.BlackholeClient:
            case FaultKind.BlackholeReplies:
            case FaultKind.DelayClient:
            case FaultKind.DropReply:
            case FaultKind.ResetConnections:
                applied = true;
                foreach (var proxy in Cluster.Proxies(target))
                {
                    Break(proxy, step);
                }

                undo = () => { Heal(target); return Task.CompletedTask; };
                break;
            case FaultKind.KillServer:
            case FaultKind.LoseMinority:
            case FaultKind.LoseMajority:
                applied = true;
                await Task.WhenAll(step.Targets.Select(Cluster.KillServerAsync));
                undo = () => { foreach (var m in step.Targets) { Cluster.ReachableAgain(m); } return Task.CompletedTask; };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step.Kind, null);
        }

        if (!applied)
        {
            log($"skipped  {step} (no running, unpaused process)");
            return;
        }

        log($"injected {step}");
        lock (_gate)
        {
            Injected[step.Kind] = Injected.GetValueOrDefault(step.Kind) + 1;
        }

        try
        {
            await Task.Delay(step.Duration, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The phase is ending: undo at once.
        }

        await undo();
        if (step.Kind is not (FaultKind.KillClient or FaultKind.PauseClient or FaultKind.TerminateClient or FaultKind.JoinConsumer))
        {
            lock (_gate)
            {
                Records.Add(new FaultRecord(step.Kind, $"slot/server {string.Join(",", step.Targets)}", from, Mono.NowUs()));
            }
        }
    }

    private static void Break(FaultProxy proxy, FaultStep step)
    {
        switch (step.Kind)
        {
            case FaultKind.BlackholeClient:
                proxy.Blackhole(ProxyDirection.Both);
                break;
            case FaultKind.BlackholeReplies:
                proxy.Blackhole(ProxyDirection.ToClient);
                break;
            case FaultKind.DelayClient:
                proxy.Delay(step.Latency, ProxyDirection.Both);
                break;
            case FaultKind.DropReply:
                proxy.DropNextReply();
                break;
            case FaultKind.ResetConnections:
                proxy.ResetAll();
                break;
        }
    }

    private ChaosCluster Cluster => cluster ?? throw new InvalidOperationException("Network and server faults need the Redis servers and proxies of a ChaosCluster.");

    private void Heal(int slot)
    {
        foreach (var proxy in Cluster.Proxies(slot))
        {
            proxy.Heal();
        }
    }
}
