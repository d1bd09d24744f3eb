using System.Globalization;
using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Orchestration;

/// <summary>
/// The client slots of a phase and their current incarnations: starts, kills (a slot restarts as "L0.1", "L0.2", ...),
/// pauses and resumes, graceful stops (SIGTERM), each recorded as a <see cref="FaultRecord"/>. What a slot runs is the
/// caller's: <paramref name="start"/> starts slot n's k-th incarnation.
/// </summary>
public sealed class ClientSlots(int count, Func<int, int, ClientProcess> start) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly ClientProcess?[] _current = new ClientProcess?[count];
    private readonly int[] _starts = new int[count];
    private readonly long?[] _pausedAt = new long?[count];
    private readonly List<ClientProcess> _all = [];

    /// <summary>The lease phase's slots: "L0".."L3" run fenced locks, "S0".. the semaphore.</summary>
    public static ClientSlots ForLeases(ChaosCluster cluster, string directory, int seed, int lockClients, int semaphoreClients) =>
        new(lockClients + semaphoreClients, (slot, incarnation) =>
        {
            var isLock = slot < lockClients;
            var id = $"{(isLock ? "L" : "S")}{(isLock ? slot : slot - lockClients)}.{incarnation}";
            var log = Path.Combine(directory, id + ".jsonl");
            string[] arguments = ["--role", isLock ? "lock" : "semaphore", "--id", id, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--log", log, .. cluster.ClientEndPoints(slot)];
            return ClientProcess.Start(id, log, arguments);
        });

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

    public void StartAll() => StartFirst(Count);

    /// <summary>Starts slots 0..<paramref name="slots"/>-1; the others stay empty until joined.</summary>
    public void StartFirst(int slots)
    {
        for (var slot = 0; slot < slots; slot++)
        {
            Start(slot);
        }
    }

    /// <summary>The slot's running process, or null.</summary>
    public ClientProcess? Current(int slot)
    {
        lock (_gate)
        {
            return _current[slot];
        }
    }

    public void Start(int slot)
    {
        lock (_gate)
        {
            var process = start(slot, _starts[slot]++);
            _current[slot] = process;
            _all.Add(process);
        }
    }

    /// <summary>SIGTERM of the slot's process (resumed first if paused), which stops gracefully on its own; the slot is empty until revived.</summary>
    public bool Terminate(int slot)
    {
        lock (_gate)
        {
            if (_current[slot] is not { HasExited: false } process)
            {
                return false;
            }

            Resume(slot);
            var now = Mono.NowUs();
            process.Terminate();
            Records.Add(new FaultRecord(FaultKind.TerminateClient, process.Id, now, now));
            _current[slot] = null;
            return true;
        }
    }

    /// <summary>Starts an empty slot (a consumer joining); false when it already runs a process.</summary>
    public bool Join(int slot)
    {
        lock (_gate)
        {
            if (_current[slot] is not null)
            {
                return false;
            }

            Start(slot);
            return true;
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
