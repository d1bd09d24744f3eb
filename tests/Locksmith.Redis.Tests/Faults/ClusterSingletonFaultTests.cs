using System.Diagnostics;
using System.Globalization;
using Locksmith.Testing;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Faults;

/// <summary>
/// Three real candidate processes (tests/Locksmith.Redis.Candidate) run one [ClusterSingleton] body, each behind its own
/// fault proxy. The leader is killed, paused, cut off and stopped in turn; the protected register, which accepts writes
/// only from the newest term, records who wrote and in which order.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class ClusterSingletonFaultTests
{
    private const int TtlMs = 2_000;

    /// <summary>Room for process scheduling, the 20 ms write cadence and the poll on top of the time to live.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(1_500);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Killed_paused_cut_off_and_stopped_leaders_are_replaced_in_time_with_one_writer_per_rising_term()
    {
        await using var server = await RedisServer.StartAsync();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(server.EndPoint);
        var register = "ls:test:register:" + Guid.NewGuid().ToString("N");
        var proxies = Enumerable.Range(0, 3).Select(_ => FaultProxy.Start(server.Port)).ToArray();
        var candidates = Enumerable.Range(0, 3)
            .Select(i => TestProgram.Start("Locksmith.Redis.Candidate", proxies[i].EndPoint, TtlMs.ToString(CultureInfo.InvariantCulture), register, $"c{i}"))
            .ToArray();
        try
        {
            var history = new History(admin.GetDatabase(), register + ":history");
            var first = await history.NextLeaderAsync(after: null, Patience);

            // SIGKILL: nothing is released; the next leader starts once the lease expires on the server.
            candidates[first.Index].Kill();
            var watch = Stopwatch.StartNew();
            var second = await history.NextLeaderAsync(first, Patience);
            Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(TtlMs) + Slack, $"Take-over after SIGKILL took {watch.Elapsed}.");

            // SIGSTOP past the time to live: on waking, its own timer has already ended its leadership.
            candidates[second.Index].Pause();
            watch.Restart();
            var third = await history.NextLeaderAsync(second, Patience);
            Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(TtlMs) + Slack, $"Take-over after SIGSTOP took {watch.Elapsed}.");
            candidates[second.Index].Resume();
            await candidates[second.Index].ExpectAsync($"stopped {second.Term}", Patience);

            // Blackhole: replies never come and the socket stays open; the local deadline, not an error, cancels the body.
            proxies[third.Index].Blackhole();
            watch.Restart();
            await candidates[third.Index].ExpectAsync($"cancelled {third.Term}", Patience);
            Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(TtlMs) + Slack, $"The cut-off leader's body was cancelled only {watch.Elapsed} later.");
            var fourth = await history.NextLeaderAsync(third, Patience);
            proxies[third.Index].Heal();

            // SIGTERM: the host stops, the body ends and the leader resigns, waking a candidate at once.
            await candidates[fourth.Index].TerminateAsync(Patience);
            watch.Restart();
            var fifth = await history.NextLeaderAsync(fourth, Patience);
            Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(TtlMs / 2), $"Take-over after a graceful stop took {watch.Elapsed}: it waited for expiry.");

            await history.AssertOneWriterPerRisingTermAsync(minimumTerms: 5);
            Assert.Equal([first.Term, second.Term, third.Term, fourth.Term, fifth.Term], new[] { first.Term, second.Term, third.Term, fourth.Term, fifth.Term }.Order());
        }
        finally
        {
            foreach (var candidate in candidates)
            {
                await candidate.DisposeAsync();
            }

            foreach (var proxy in proxies)
            {
                await proxy.DisposeAsync();
            }
        }
    }

    private sealed record Leader(int Index, long Term);

    /// <summary>The register's accepted writes, "&lt;term&gt; c&lt;index&gt;", in the order the register accepted them.</summary>
    private sealed class History(IDatabase database, string key)
    {
        public async Task<Leader> NextLeaderAsync(Leader? after, TimeSpan patience)
        {
            Leader? found = null;
            await Eventually.UntilAsync(
                async () =>
                {
                    var last = await database.ListGetByIndexAsync(key, -1);
                    found = last.IsNull ? null : Parse(last!);
                    return found is not null && (after is null || found.Term > after.Term);
                },
                patience,
                () => $"a leader after {after} to write (last seen: {found})",
                TimeSpan.FromMilliseconds(20));
            return found!;
        }

        public async Task AssertOneWriterPerRisingTermAsync(int minimumTerms)
        {
            var entries = (await database.ListRangeAsync(key)).Select(e => Parse(e!)).ToList();
            var terms = new List<Leader>();
            foreach (var entry in entries)
            {
                if (terms.Count == 0)
                {
                    terms.Add(entry);
                }
                else if (terms[^1].Term != entry.Term)
                {
                    Assert.True(entry.Term > terms[^1].Term, $"Term {entry.Term} wrote after term {terms[^1].Term}.");
                    terms.Add(entry);
                }
                else
                {
                    Assert.True(entry.Index == terms[^1].Index, $"Term {entry.Term} was written by c{terms[^1].Index} and c{entry.Index}.");
                }
            }

            Assert.True(terms.Count >= minimumTerms, $"Only {terms.Count} terms wrote.");
        }

        private static Leader Parse(string entry)
        {
            var parts = entry.Split(' ');
            return new Leader(int.Parse(parts[1][1..], CultureInfo.InvariantCulture), long.Parse(parts[0], CultureInfo.InvariantCulture));
        }
    }
}
