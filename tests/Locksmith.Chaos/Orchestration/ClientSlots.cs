using System.Globalization;
using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Orchestration;

/// <summary>
/// The client slots of a phase ("L0".."L3" for locks, "S0".. for the semaphore) and their current incarnations: starts,
/// kills (a slot restarts as "L0.1", "L0.2", ...), pauses and resumes, each recorded as a <see cref="FaultRecord"/>.
/// </summary>
public sealed class ClientSlots(ChaosCluster cluster, string directory, int seed, int lockClients, int semaphoreClients) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly ClientProcess?[] _current = new ClientProcess?[lockClients + semaphoreClients];
    private readonly int[] _starts = new int[lockClients + semaphoreClients];
    private readonly long?[] _pausedAt = new long?[lockClients + semaphoreClients];
    private readonly List<ClientProcess> _all = [];

    public int Count => _current.Length;

    public List<FaultRecord> Records { get; } = [];

    /// <summary>Every incarnation started so far (their logs make the history).</summary>
    public IReadOnlyList<ClientProcess> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _all];
            }
        }
    }

    public void StartAll()
    {
        for (var slot = 0; slot < Count; slot++)
        {
            Start(slot);
        }
    }

    public void Start(int slot)
    {
        lock (_gate)
        {
            var isLock = slot < lockClients;
            var id = $"{(isLock ? "L" : "S")}{(isLock ? slot : slot - lockClients)}.{_starts[slot]++}";
            var log = Path.Combine(directory, id + ".jsonl");
            string[] arguments = ["--role", isLock ? "lock" : "semaphore", "--id", id, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--log", log, .. cluster.ClientEndPoints(slot)];
            var process = ClientProcess.Start(id, log, arguments);
            _current[slot] = process;
            _all.Add(process);
        }
    }

    /// <summary>SIGKILL of the slot's process; returns false when the slot has none running now.</summary>
    public bool Kill(int slot)
    {
        lock (_gate)
        {
            if (_current[slot] is not { HasExited: false } process)
            {
                return false;
            }

            var now = Mono.NowUs();
            process.Kill();
            Records.Add(new FaultRecord(FaultKind.KillClient, process.Id, now, now));
            if (_pausedAt[slot] is { } from)
            {
                Records.Add(new FaultRecord(FaultKind.PauseClient, process.Id, from, now));
                _pausedAt[slot] = null;
            }

            _current[slot] = null;
            return true;
        }
    }

    /// <summary>SIGSTOP of the slot's process; false when it has none running or is already paused.</summary>
    public bool Pause(int slot)
    {
        lock (_gate)
        {
            if (_current[slot] is not { HasExited: false } process || _pausedAt[slot] is not null)
            {
                return false;
            }

            // Stamped before the signal: the pause can only start later than this.
            _pausedAt[slot] = Mono.NowUs();
            process.Pause();
            return true;
        }
    }

    public void Resume(int slot)
    {
        lock (_gate)
        {
            if (_pausedAt[slot] is not { } from || _current[slot] is not { } process)
            {
                return;
            }

            process.Resume();
            // Stamped after the signal: the pause ended before this.
            Records.Add(new FaultRecord(FaultKind.PauseClient, process.Id, from, Mono.NowUs()));
            _pausedAt[slot] = null;
        }
    }

    /// <summary>Restarts the slot if it has no process (after a kill).</summary>
    public void Revive(int slot)
    {
        lock (_gate)
        {
            if (_current[slot] is null)
            {
                Start(slot);
            }
        }
    }

    /// <summary>Resumes paused clients, restarts killed ones, and asks every one to stop after its current body.</summary>
    public async Task StopAllAsync(TimeSpan timeout)
    {
        for (var slot = 0; slot < Count; slot++)
        {
            Resume(slot);
        }

        await Task.WhenAll(All.Select(p => p.StopAsync(timeout)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in All)
        {
            await process.DisposeAsync();
        }
    }
}
