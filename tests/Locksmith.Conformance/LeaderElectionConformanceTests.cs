using System.Diagnostics;
using Xunit;

namespace Locksmith.Conformance;

/// <summary>The leader election behaviour every backend must have. Subclass once per backend.</summary>
public abstract class LeaderElectionConformanceTests : ConformanceTestBase
{
    /// <summary>A time to live far longer than any hand-over these tests allow, so only a notice can explain a prompt one.</summary>
    private static readonly TimeSpan LongTtl = TimeSpan.FromSeconds(30);

    private static LocksmithOptions Candidate(string name, TimeSpan ttl, TimeSpan? recheck = null) => new()
    {
        Leadership = new LeaderElectionOptions { Candidate = name, Ttl = ttl, WatchRecheckInterval = recheck ?? TimeSpan.FromHours(1) },
    };

    [Fact]
    public async Task One_candidate_leads_and_a_resignation_hands_over_at_once_with_a_higher_term()
    {
        var (a, b) = (await ConnectAsync(Candidate("a", LongTtl)), await ConnectAsync(Candidate("b", LongTtl)));
        var first = await a.Elections.CampaignAsync(Key());
        var second = b.Elections.CampaignAsync(Key()).AsTask();
        await Task.Delay(300);
        Assert.False(second.IsCompleted, "A second candidate led while the first still did.");

        var watch = Stopwatch.StartNew();
        await first.ResignAsync();
        await using var next = await second.WaitAsync(Patience);

        Assert.True(watch.Elapsed < LongTtl / 3, $"The hand-over took {watch.Elapsed}: it waited for expiry instead of the release notice.");
        Assert.True(next.Term > first.Term, $"Term {next.Term} does not rise above {first.Term}.");
        Assert.Equal("b", next.Candidate);
        Assert.True(first.IsLost, "The resigned leadership's LostToken did not fire.");
    }

    [Fact]
    public async Task TryCampaign_returns_null_while_another_candidate_leads()
    {
        var (a, b) = (await ConnectAsync(), await ConnectAsync());
        await using var leader = await a.Elections.CampaignAsync(Key());

        Assert.Null(await b.Elections.TryCampaignAsync(Key()));
    }

    [Fact]
    public async Task GetLeader_names_the_leader_and_its_term_and_nobody_after_it_resigns()
    {
        var (a, observer) = (await ConnectAsync(Candidate("node-a", LongTtl)), await ConnectAsync());
        var leadership = await a.Elections.CampaignAsync(Key());

        var seen = await observer.Elections.GetLeaderAsync(Key());
        Assert.NotNull(seen);
        Assert.Equal(("node-a", leadership.Term), (seen.Candidate, seen.Term));
        Assert.True((seen.Since - leadership.Since).Duration() < TimeSpan.FromSeconds(1));

        await leadership.ResignAsync();
        Assert.Null(await observer.Elections.GetLeaderAsync(Key()));
    }

    [Fact]
    public async Task Watch_reports_each_leader_and_the_vacancy_by_notice()
    {
        var (a, b, observer) = (await ConnectAsync(Candidate("a", LongTtl)), await ConnectAsync(Candidate("b", LongTtl)), await ConnectAsync(Candidate("o", LongTtl)));
        using var stop = new CancellationTokenSource(Patience * 2);
        await using var changes = observer.Elections.WatchAsync(Key(), stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.True(await changes.MoveNextAsync());
        Assert.Null(changes.Current);

        var first = await a.Elections.CampaignAsync(Key());
        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(("a", first.Term), (changes.Current?.Candidate, changes.Current?.Term));

        var second = b.Elections.CampaignAsync(Key()).AsTask();
        await first.ResignAsync();
        await using var next = await second.WaitAsync(Patience);

        // The vacancy between the two may be seen or coalesced; the new leader must be seen, woken by its notice
        // (the re-check interval is an hour).
        Assert.True(await changes.MoveNextAsync());
        if (changes.Current is null)
        {
            Assert.True(await changes.MoveNextAsync());
        }

        Assert.Equal(("b", next.Term), (changes.Current?.Candidate, changes.Current?.Term));
    }

    [Fact]
    public async Task A_crashed_leader_is_replaced_within_its_time_to_live_with_a_higher_term()
    {
        var ttl = Backend.ShortTtl;
        var (a, b) = (await ConnectAsync(Candidate("a", ttl)), await ConnectAsync(Candidate("b", ttl)));
        var crashed = await a.Elections.CampaignAsync(Key());
        var successor = b.Elections.CampaignAsync(Key()).AsTask();

        var watch = Stopwatch.StartNew();
        await a.CrashAsync();
        await using var next = await successor.WaitAsync(Patience);

        Assert.True(watch.Elapsed < ttl + Patience / 2, $"Take-over after a crash took {watch.Elapsed} with a {ttl} time to live.");
        Assert.True(next.Term > crashed.Term, $"Term {next.Term} does not rise above {crashed.Term}.");
        Assert.Equal("b", (await b.Elections.GetLeaderAsync(Key()))?.Candidate);
    }

    [Fact]
    public async Task A_leader_keeps_leading_past_its_time_to_live_while_it_renews()
    {
        var ttl = Backend.ShortTtl;
        var (a, b) = (await ConnectAsync(Candidate("a", ttl)), await ConnectAsync(Candidate("b", ttl)));
        await using var leader = await a.Elections.CampaignAsync(Key());

        await Task.Delay(ttl * 3);

        Assert.False(leader.IsLost);
        Assert.Null(await b.Elections.TryCampaignAsync(Key()));
        Assert.Equal(leader.Term, (await b.Elections.GetLeaderAsync(Key()))?.Term);
    }
}
