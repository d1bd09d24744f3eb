using System.Globalization;
using Locksmith.Redis.Inspection;
using Spectre.Console;

namespace Locksmith.Cli.Output;

/// <summary>The inspection report as tables (plain text when the output is not a terminal).</summary>
internal static class InspectionTables
{
    public static void Write(TextWriter output, InspectionReport report)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == Console.Out && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
        });
        if (output != Console.Out || Console.IsOutputRedirected)
        {
            console.Profile.Width = 200;
        }

        Section(console, $"Locks ({report.Locks.Count})", ["key", "owner", "TTL left", "fencing token", "waiters"],
            report.Locks.Select(l => new[] { l.Key, l.Owner, Ttl(l.TtlMilliseconds), l.FencingToken?.ToString(CultureInfo.InvariantCulture) ?? "-", Count(l.Waiters) }));
        Section(console, $"Fencing counters ({report.Fences.Count})", ["key", "last token", "expires in"],
            report.Fences.Select(f => new[] { f.Key, f.LastToken.ToString(CultureInfo.InvariantCulture), Ttl(f.TtlMilliseconds) }));
        Section(console, $"Semaphores ({report.Semaphores.Count}; the limit is not stored in Redis)", ["key", "used", "holders (TTL left)", "expired", "waiters", "fair line (ticket)"],
            report.Semaphores.Select(s => new[]
            {
                s.Key, Count(s.Used), string.Join(", ", s.Holders.Select(h => $"{h.Owner} ({Ttl(h.TtlMilliseconds)})")), Count(s.Expired), Count(s.Waiters),
                s.LastTicket is null ? "-" : string.Join(", ", s.Queued.Select(w => $"{w.Owner} (#{w.Ticket})")),
            }));
        Section(console, $"Waiters ({report.Waiters.Count} release channels with subscribers)", ["key", "waiting connections", "channel"],
            report.Waiters.Select(w => new[] { w.RedisKey, Count(w.Subscribers), w.Channel }));
        Section(console, $"Queues ({report.Queues.Count})", ["queue", "partition", "length", "group", "pending", "lag", "consumers (pending)", "dead letters"],
            report.Queues.SelectMany(QueueRows));
        Section(console, $"Queue groups ({report.Queues.Sum(q => q.Groups.Count)})", ["queue", "group", "live members (heartbeat left)", "dead letters", "outbox"],
            report.Queues.SelectMany(q => q.Groups.Select(g => new[]
            {
                q.Name, g.Name, string.Join(", ", g.Members.Select(m => $"{m.Name} ({Ttl(m.TtlMilliseconds)})")), Count(g.DeadLetters), Count(g.Outbox),
            })));
        Section(console, $"Rate limits ({report.RateLimits.Count}; the budget is not stored in Redis)", ["key", "algorithm", "grants in the window", "idle again in"],
            report.RateLimits.Select(r => new[]
            {
                r.Key, r.Algorithm == RateLimitAlgorithm.SlidingWindow ? "sliding window" : "token bucket",
                r.Grants is { } grants ? Count(grants) : "-", Ttl(r.TtlMilliseconds),
            }));
    }

    private static IEnumerable<string[]> QueueRows(QueueState queue)
    {
        var dead = Count(queue.DeadLetters);
        if (queue.Partitions.Count == 0)
        {
            yield return [queue.Name, "-", "0", "-", "-", "-", "-", dead];
        }

        foreach (var partition in queue.Partitions)
        {
            if (partition.Groups.Count == 0)
            {
                yield return [queue.Name, Count(partition.Partition), Count(partition.Length), "-", "-", "-", "-", dead];
            }

            foreach (var group in partition.Groups)
            {
                yield return
                [
                    queue.Name, Count(partition.Partition), Count(partition.Length), group.Name, Count(group.Pending),
                    group.Lag is { } lag ? Count(lag) : "?",
                    string.Join(", ", group.Consumers.Select(c => $"{c.Name} ({c.Pending})")), dead,
                ];
            }
        }
    }

    private static void Section(IAnsiConsole console, string title, string[] columns, IEnumerable<string[]> rows)
    {
        var table = new Table().Title(Markup.Escape(title)).Border(TableBorder.Simple);
        foreach (var column in columns)
        {
            table.AddColumn(Markup.Escape(column));
        }

        var any = false;
        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => new Text(cell)).ToArray<Spectre.Console.Rendering.IRenderable>());
            any = true;
        }

        if (!any)
        {
            console.WriteLine($"{title}: none");
            return;
        }

        console.Write(table);
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ttl(long milliseconds) => milliseconds switch
    {
        -1 => "no expiry",
        < 0 => "gone",
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds} ms"),
        < 60_000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000.0:0.0} s"),
        < 3_600_000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 60_000} min {milliseconds / 1000 % 60} s"),
        < 86_400_000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 3_600_000} h {milliseconds / 60_000 % 60} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 86_400_000} d {milliseconds / 3_600_000 % 24} h"),
    };
}
