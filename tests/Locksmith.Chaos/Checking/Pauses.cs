using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Checking;

/// <summary>When each client incarnation was frozen by SIGSTOP: the only excuse for a body outliving its lease.</summary>
public sealed class Pauses(IEnumerable<FaultRecord> faults)
{
    private readonly ILookup<string, FaultRecord> _byClient = faults.Where(f => f.Kind == FaultKind.PauseClient).ToLookup(f => f.Target, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="client"/> was frozen at any moment of [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public bool Overlaps(string client, long from, long to) => _byClient[client].Any(p => p.From <= to && p.To >= from);

    /// <summary>The latest resumption (SIGCONT) of <paramref name="client"/> in [<paramref name="from"/>, <paramref name="to"/>], or <paramref name="from"/>.</summary>
    public long LastResumeWithin(string client, long from, long to) =>
        _byClient[client].Where(p => p.From <= to && p.To >= from).Select(p => Math.Min(p.To, to)).DefaultIfEmpty(from).Max(t => Math.Max(t, from));
}
