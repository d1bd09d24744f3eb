using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Checking;

/// <summary>
/// Fencing tokens must rise with acquisition order: a lease requested after another was granted must carry a higher
/// token, or the resource would take the older holder for the newer one.
/// </summary>
internal static class TokenOrder
{
    public static void Check(List<LeaseSpan> byAcquiredAt, CheckResult result)
    {
        var acquiredAt = byAcquiredAt.Select(s => s.AcquiredAt).ToArray();
        var highest = new LeaseSpan[byAcquiredAt.Count];
        for (var i = 0; i < byAcquiredAt.Count; i++)
        {
            highest[i] = i > 0 && highest[i - 1].Token >= byAcquiredAt[i].Token ? highest[i - 1] : byAcquiredAt[i];
        }

        foreach (var later in byAcquiredAt)
        {
            // Spans [0, n) were granted before this one was requested.
            var n = Array.BinarySearch(acquiredAt, later.RequestedAt);
            n = n < 0 ? ~n : n;
            while (n > 0 && acquiredAt[n - 1] >= later.RequestedAt)
            {
                n--;
            }

            if (n > 0 && highest[n - 1].Token >= later.Token)
            {
                var earlier = highest[n - 1];
                result.Violations.Add(new Violation(Rules.TokenOrder,
                    $"{later.Lease} requested {later.Key} at {Mono.Ms(later.RequestedAt)}, after {earlier.Lease} was granted it at {Mono.Ms(earlier.AcquiredAt)}, yet got token {later.Token} <= {earlier.Token}."));
            }
        }
    }
}
