using System.Collections.Immutable;
using Locksmith.Backends;

namespace Locksmith.Weaving;

/// <summary>
/// The leases the current async flow holds through woven methods, so a locked method calling another method locked on
/// the same key re-enters instead of waiting for itself. Tasks started inside inherit the flow's snapshot, so a
/// re-entry also checks the lease is still held: background work that outlives the outer call takes the lock itself.
/// </summary>
internal static class HeldInFlow
{
    private static readonly AsyncLocal<ImmutableDictionary<(LeaseKind, string), ILease>?> Held = new();

    public static bool IsHeld(LeaseKind kind, string key) =>
        Held.Value?.TryGetValue((kind, key), out var lease) == true && lease is LeaseBase { IsHeld: true };

    public static Mark Enter(LeaseKind kind, string key, ILease lease)
    {
        var previous = Held.Value;
        Held.Value = (previous ?? ImmutableDictionary<(LeaseKind, string), ILease>.Empty).SetItem((kind, key), lease);
        return new Mark(previous, true);
    }

    /// <summary>Restores the flow's previous leases when disposed; the default value does nothing.</summary>
    internal readonly struct Mark(ImmutableDictionary<(LeaseKind, string), ILease>? previous, bool active) : IDisposable
    {
        public void Dispose()
        {
            if (active)
            {
                Held.Value = previous;
            }
        }
    }
}
