using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Client;

/// <summary>
/// Logs a lease's loss once, at the first of: the lost token's callback, or the body seeing the token cancelled. Both
/// are needed: cancellation callbacks run newest first, so the body's own awaits (registered later) can end it, and
/// dispose this registration, before the callback runs.
/// </summary>
internal sealed class LostProbe(EventLog log, ChaosEvent template)
{
    private int _logged;

    public CancellationTokenRegistration Watch(CancellationToken token) => token.Register(Fire);

    public void Fire()
    {
        if (Interlocked.Exchange(ref _logged, 1) == 0)
        {
            log.Write(template with { Kind = EventKinds.Lost, At = Mono.NowUs() });
        }
    }
}
