using System.Collections.Immutable;
using Locksmith.Backends;

namespace Locksmith.Weaving;

/// <summary>
/// The leases the current async flow holds through woven methods, so a locked method calling another method locked on
/// the same key re-enters instead of waiting for itself, and the body can read its own lease (<see cref="LockContext"/>).
/// Tasks started inside inherit the flow's snapshot, so a re-entry also checks the lease is still held: background work
/// that outlives the outer call takes the lock itself.
/// </summary>
internal static class HeldInFlow
{
    private static readonly AsyncLocal<Frame?> Held = new();

    public static bool IsHeld(LeaseKind kind, string key) =>
        Held.Value?.Leases.TryGetValue((kind, key), out var lease) == true && lease is LeaseBase { IsHeld: true };

    /// <summary>The lease of the innermost woven method of <paramref name="kind"/> running in this flow.</summary>
    public static ILease? Innermost(LeaseKind kind) =>
        Held.Value?.Innermost.TryGetValue(kind, out var lease) == true ? lease : null;

    public static Mark Enter(LeaseKind kind, string key, ILease lease)
    {
        var previous = Held.Value;
        Held.Value = new Frame(
            (previous?.Leases ?? ImmutableDictionary<(LeaseKind, string), ILease>.Empty).SetItem((kind, key), lease),
            (previous?.Innermost ?? ImmutableDictionary<LeaseKind, ILease>.Empty).SetItem(kind, lease));
        return new Mark(previous, true);
    }

    /// <summary>Marks every lease of a lock on several keys; the last key's lease becomes the innermost.</summary>
    public static Mark EnterAll(LeaseKind kind, IReadOnlyList<string> keys, IReadOnlyList<ILockLease> leases)
    {
        var previous = Held.Value;
        var held = previous?.Leases ?? ImmutableDictionary<(LeaseKind, string), ILease>.Empty;
        for (var i = 0; i < keys.Count; i++)
        {
            held = held.SetItem((kind, keys[i]), leases[i]);
        }

        Held.Value = new Frame(held, (previous?.Innermost ?? ImmutableDictionary<LeaseKind, ILease>.Empty).SetItem(kind, leases[^1]));
        return new Mark(previous, true);
    }

    /// <summary>Restores the flow's previous leases when disposed; the default value does nothing.</summary>
    internal readonly struct Mark(Frame? previous, bool active) : IDisposable
    {
        public void Dispose()
        {
            if (active)
            {
                Held.Value = previous;
            }
        }
    }

    internal sealed record Frame(ImmutableDictionary<(LeaseKind, string), ILease> Leases, ImmutableDictionary<LeaseKind, ILease> Innermost);
}
