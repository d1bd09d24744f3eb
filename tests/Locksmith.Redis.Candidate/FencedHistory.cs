using StackExchange.Redis;

namespace Locksmith.Redis.Candidate;

/// <summary>The protected resource: accepts an entry only from a term at least as new as the newest it accepted, and keeps the accepted ones in order.</summary>
internal sealed class FencedHistory(string register, string name)
{
    // Test instrumentation, not library code: the check and the append must be one step so the history is the order of acceptance.
    private const string Append = """
        local last = redis.call('GET', KEYS[1])
        if last and tonumber(last) > tonumber(ARGV[1]) then return 0 end
        redis.call('SET', KEYS[1], ARGV[1])
        redis.call('RPUSH', KEYS[2], ARGV[1] .. ' ' .. ARGV[2])
        return 1
        """;

    public async Task<bool> TryAppendAsync(IDatabase database, long term) =>
        (long)await database.ScriptEvaluateAsync(Append, [register, register + ":history"], [term, name]) == 1;
}
