using System.Collections.Concurrent;
using System.Globalization;
using StackExchange.Redis;

namespace Locksmith.Benchmarks.RedisComparison;

/// <summary>
/// Every acquire the harness makes goes through here: an attempt that comes back without the lock (null, or a Redis
/// error or timeout) is retried a bounded number of times or counted, never the end of the run, and each table is
/// followed by a line saying which contender was refused, in which phase, and how often.
/// </summary>
internal static class AcquireAttempts
{
    /// <summary>Attempts at one uncontended acquire before its sample is given up (and left out).</summary>
    public const int UncontendedAttempts = 3;

    /// <summary>Pause before another attempt.</summary>
    public static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);

    private static readonly ConcurrentDictionary<(Contender Contender, string Phase), Tally> Tallies = new();
    private static int order;

    /// <summary>
    /// Up to <paramref name="attempts"/> attempts at <paramref name="key"/>, <see cref="RetryPause"/> apart; null when
    /// none got the lock. Every attempt without the lock is counted against <paramref name="contender"/> and <paramref name="phase"/>.
    /// </summary>
    public static async Task<IAsyncDisposable?> AcquireAsync(Contender contender, string phase, string key, TimeSpan wait, int attempts = 1)
    {
        Tally? tally = null;
        for (var attempt = 1; ; attempt++)
        {
            string? error = null;
            try
            {
                var handle = await contender.AcquireAsync(key, wait);
                if (handle is not null)
                {
                    if (tally is not null)
                    {
                        Interlocked.Increment(ref tally.Recovered);
                    }

                    return handle;
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                error = ex.GetType().Name;
            }

            tally ??= Tallies.GetOrAdd((contender, phase), _ => new Tally(Interlocked.Increment(ref order)));
            Interlocked.Increment(ref tally.Refused);
            if (error is not null)
            {
                tally.Errors.AddOrUpdate(error, 1, (_, n) => n + 1);
            }

            if (attempt >= attempts)
            {
                Interlocked.Increment(ref tally.GaveUp);
                return null;
            }

            await Task.Delay(RetryPause);
        }
    }

    /// <summary>A mark for the contender's row when any of its attempts was refused; explained by <see cref="Report"/>.</summary>
    public static string Mark(Contender contender) => Tallies.Keys.Any(k => k.Contender == contender) ? " (†)" : "";

    /// <summary>Writes, after a table, what was refused and retried for these contenders (or that nothing was).</summary>
    public static void Report(IEnumerable<Contender> contenders)
    {
        var lines = new List<string>();
        foreach (var contender in contenders)
        {
            foreach (var (phase, tally) in Tallies.Where(t => t.Key.Contender == contender).OrderBy(t => t.Value.Order).Select(t => (t.Key.Phase, t.Value)))
            {
                var errors = tally.Errors.IsEmpty ? "" : $" ({string.Join(", ", tally.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Value} {e.Key}"))})";
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"† {contender.Name}, {phase}: {tally.Refused} attempt(s) without the lock{errors}; {tally.Recovered} acquire(s) got it on a retry; {tally.GaveUp} given up."));
            }
        }

        Console.WriteLine();
        if (lines.Count == 0)
        {
            Console.WriteLine("No acquire attempt was refused or retried.");
            return;
        }

        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(Uncontended: up to {UncontendedAttempts} attempts {RetryPause.TotalMilliseconds:0} ms apart, the pauses counted in that sample; a sample given up is left out. Other phases do not retry: their loops simply ask again, so \"given up\" there means a lost round.)"));
    }

    private sealed class Tally(int order)
    {
        public readonly int Order = order;
        public readonly ConcurrentDictionary<string, int> Errors = new(StringComparer.Ordinal);
        public int Refused;
        public int Recovered;
        public int GaveUp;
    }
}
