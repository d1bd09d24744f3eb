using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Checking;

/// <summary>
/// The fenced register as the server ordered it. A lock body claims the register with a fenced write, then reads it,
/// then writes. Its read must show its own claim or a newer token (a newer holder fenced it off, and then its write must
/// be refused); an older token there means the server accepted a lower token after a higher one.
/// </summary>
internal static class RegisterRules
{
    public static void Check(List<LeaseSpan> spans, string? finalValue, CheckResult result)
    {
        long highestAccepted = 0;
        string? highestLease = null;
        foreach (var span in spans)
        {
            var claimed = false;
            var fencedOff = false;
            foreach (var request in span.Requests.OrderBy(r => r.At))
            {
                switch (request.Kind)
                {
                    case EventKinds.Claim when request.Result == Results.Ok:
                        claimed = true;
                        break;
                    case EventKinds.Read when claimed && RegisterValue.Parse(request.Value) is { } seen:
                        if (seen.Token < span.Token)
                        {
                            result.Violations.Add(new Violation(Rules.RegisterOrder,
                                $"{span.Lease} (token {span.Token}) claimed {span.Key}, then read \"{request.Value}\": a lower token was accepted after a higher one."));
                        }
                        else if (seen.Token == span.Token && seen.Lease != span.Lease)
                        {
                            result.Violations.Add(new Violation(Rules.TokenOrder,
                                $"{span.Lease} and {seen.Lease} both hold token {span.Token} for {span.Key}."));
                        }
                        else if (seen.Token > span.Token)
                        {
                            fencedOff = true;
                            result.FencedOff++;
                        }

                        break;
                    case EventKinds.Write when request.Result == Results.Ok && fencedOff:
                        result.Violations.Add(new Violation(Rules.FencedWriteAccepted,
                            $"{span.Lease} (token {span.Token}) saw a newer token in {span.Key}, yet its write \"{request.Value}\" was accepted."));
                        break;
                }

                if (request.Kind is EventKinds.Claim or EventKinds.Write && request.Result == Results.Ok && span.Token > highestAccepted)
                {
                    highestAccepted = span.Token;
                    highestLease = span.Lease;
                }
            }
        }

        if (RegisterValue.Parse(finalValue) is { } final && final.Token < highestAccepted)
        {
            result.Violations.Add(new Violation(Rules.RegisterOrder,
                $"{spans[0].Key} ends holding \"{finalValue}\", older than token {highestAccepted} that {highestLease} had written: a lower token was accepted after a higher one."));
        }
    }
}
