using Locksmith.Chaos.History;

namespace Locksmith.Chaos.Checking;

/// <summary>
/// Judges a <see cref="QueueHistory"/> against what docs/queues.md promises: completion and chained calls exactly once
/// per item and group, bodies at least once, order per partition key, dead letters only after MaxAttempts attempts.
/// </summary>
/// <remarks>
/// A completion is observed through its chained call: every body makes exactly one, and the transport publishes it
/// atomically with the item's completion (one script on Redis, one transaction on Kafka). So an item's distinct chained
/// item ids in a group count its completions there: none means it was not completed, two mean it was completed twice,
/// while a body that merely ran again (a consumer killed between body and completion) adds none. A body's own runs are
/// not judged: they are at least once by design.
/// </remarks>
public static class QueueChecker
{
    public static QueueCheckResult Check(QueueHistory history)
    {
        var result = new CheckResult();
        var enqueues = history.Events.Where(e => e.Kind == QueueEventKinds.Enqueued && e.Item is not null)
            .GroupBy(e => e.Item!).ToDictionary(g => g.Key, g => g.First());
        var starts = history.Events.Where(e => e.Kind == QueueEventKinds.BodyStart && e.Item is not null).ToList();
        var chained = history.Events.Where(e => e.Kind == QueueEventKinds.Chained && e.Parent is not null && e.ItemId is not null).ToList();
        var itemOfId = starts.Where(s => s.ItemId is not null).GroupBy(s => s.ItemId!).ToDictionary(g => g.Key, g => g.First().Item!);
        var chainIds = chained.GroupBy(c => (c.Parent!, c.ParentGroup ?? "")).ToDictionary(g => g.Key, g => g.Select(c => c.ItemId!).ToHashSet());
        var deadLetters = DeadLetters(history, starts, chained, itemOfId, result);
        var startedItems = starts.Select(s => s.Item!).ToHashSet();
        result.OperationsChecked = enqueues.Count + starts.Count + chained.Count;

        foreach (var (item, enqueue) in enqueues.OrderBy(p => p.Value.At))
        {
            // An enqueue that threw may still have been stored (a lost reply); once any group ran it, it was.
            var stored = enqueue.Result == Results.Ok || startedItems.Contains(item);
            foreach (var group in history.Groups)
            {
                var completions = chainIds.GetValueOrDefault((item, group)) ?? [];
                var dead = deadLetters.Contains((item, group));
                var what = $"{item} ({enqueue.Behaviour}, {(enqueue.Result == Results.Ok ? "acknowledged" : "enqueue failed but run")}) in group {group}";
                if (enqueue.Behaviour == QueueBehaviours.Poison)
                {
                    if (completions.Count > 0)
                    {
                        result.Violations.Add(new Violation(Rules.QueueChainOfFailure,
                            $"{what}: its body always fails, yet {completions.Count} chained call(s) of it were published ({string.Join(", ", completions)})."));
                    }
                    else if (stored && !dead)
                    {
                        result.Violations.Add(new Violation(Rules.QueueLost, $"{what}: its body always fails, but it was never dead-lettered ({Runs(starts, item, group)})."));
                    }

                    continue;
                }

                if (completions.Count > 1 && history.UncommittedRecordsVisible)
                {
                    // Not judged: the second chained call may be one an aborted transaction wrote, which only the mock shows.
                    result.ExcusedAsUncommitted++;
                }
                else if (completions.Count > 1)
                {
                    result.Violations.Add(new Violation(Rules.QueueDuplicated,
                        $"{what}: completed {completions.Count} times: chained calls {string.Join(", ", completions)} were all published ({Runs(starts, item, group)})."));
                }
                else if (completions.Count == 0 && stored && !dead)
                {
                    result.Violations.Add(new Violation(Rules.QueueLost,
                        $"{what}: never completed (no chained call published) and not dead-lettered ({Runs(starts, item, group)})."));
                }

                if (completions.Count > 0 && dead)
                {
                    result.Violations.Add(new Violation(Rules.QueueCompletedAndDead,
                        $"{what}: completed (chained call {string.Join(", ", completions)}) and also dead-lettered ({Runs(starts, item, group)})."));
                }
            }
        }

        CheckOrder(starts, result);
        return new QueueCheckResult(result)
        {
            Enqueued = enqueues.Count,
            Acknowledged = enqueues.Values.Count(e => e.Result == Results.Ok),
            BodyStarts = starts.Count,
            Retries = starts.Count(s => s.Attempt > 1),
            Completions = chainIds.Values.Sum(ids => ids.Count),
            DeadLetters = deadLetters.Count,
        };
    }

    /// <summary>
    /// Every dead letter, as (item, group), after checking it was earned: the item's body started at least MaxAttempts
    /// times in that group (an item dead-lettered with fewer starts lost attempts it was promised).
    /// </summary>
    private static HashSet<(string Item, string Group)> DeadLetters(
        QueueHistory history, List<QueueEvent> starts, List<QueueEvent> chained, Dictionary<string, string> itemOfId, CheckResult result)
    {
        var dead = new HashSet<(string, string)>();
        var letters = history.Events.Where(e => e.Kind == QueueEventKinds.DeadLettered && e.ItemId is not null)
            .GroupBy(e => (e.Queue, e.ItemId!, e.Group ?? ""));
        foreach (var letter in letters)
        {
            var (queue, itemId, group) = letter.Key;
            var first = letter.OrderBy(e => e.At).First();
            int runs;
            string name;
            if (queue == QueueChaosSettings.ChainQueue)
            {
                runs = chained.Count(c => c.ItemId == itemId);
                name = $"chained item {itemId}";
            }
            else
            {
                runs = starts.Count(s => s.ItemId == itemId && s.Group == group);
                var item = itemOfId.GetValueOrDefault(itemId);
                name = item is null ? $"item id {itemId} (never started in any group)" : $"{item} (id {itemId})";
                if (item is not null)
                {
                    dead.Add((item, group));
                }
            }

            if (runs < history.MaxAttempts)
            {
                result.Violations.Add(new Violation(Rules.QueueEarlyDeadLetter,
                    $"{name} of {queue} was dead-lettered in group {group} by {first.Client} at {Mono.Ms(first.At)} after {first.Attempt} attempt(s) by its count, but its body started only {runs} time(s) there (MaxAttempts {history.MaxAttempts})."));
            }
        }

        return dead;
    }

    // Per group and partition key, items start for the first time in enqueue order; a start of an item already started
    // is a retry or a redelivery and may come after later items started.
    private static void CheckOrder(List<QueueEvent> starts, CheckResult result)
    {
        foreach (var stream in starts.GroupBy(s => (s.Group, s.Key)))
        {
            var started = new HashSet<int>();
            QueueEvent? latest = null;
            foreach (var start in stream.OrderBy(s => s.At))
            {
                if (started.Add(start.Seq) && latest is not null && start.Seq < latest.Seq)
                {
                    result.Violations.Add(new Violation(Rules.QueueOrder,
                        $"group {stream.Key.Group}, key {stream.Key.Key}: {start.Item} first started at {Mono.Ms(start.At)} ({start.Client}), after {latest.Item}, enqueued later, started at {Mono.Ms(latest.At)} ({latest.Client})."));
                }

                if (latest is null || start.Seq > latest.Seq)
                {
                    latest = start;
                }
            }
        }
    }

    private static string Runs(List<QueueEvent> starts, string item, string group)
    {
        var runs = starts.Where(s => s.Item == item && s.Group == group).OrderBy(s => s.At).ToList();
        return runs.Count == 0
            ? "its body never started there"
            : $"started {runs.Count} time(s) there: {string.Join(", ", runs.Select(r => $"{r.Client} attempt {r.Attempt} at {Mono.Ms(r.At)}"))}";
    }
}

/// <summary>The queue checker's verdict and what the history held.</summary>
public sealed record QueueCheckResult(CheckResult Check)
{
    public int Enqueued { get; init; }

    public int Acknowledged { get; init; }

    public int BodyStarts { get; init; }

    /// <summary>Body starts with an attempt number above 1.</summary>
    public int Retries { get; init; }

    /// <summary>Distinct chained calls published (item completions, across groups).</summary>
    public int Completions { get; init; }

    /// <summary>Distinct (item, group) dead letters of the producer's queue.</summary>
    public int DeadLetters { get; init; }

    public bool Passed => Check.Passed;
}
