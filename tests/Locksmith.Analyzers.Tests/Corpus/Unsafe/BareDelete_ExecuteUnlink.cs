// shape: release with ExecuteAsync("UNLINK", key), the non-blocking delete
// expect: LSM004
// why: UNLINK is DEL done lazily; it removes the key just the same, owner or not
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.ExecuteUnlink;

public sealed class CrawlerLock(IDatabase db)
{
    private readonly string token = Guid.NewGuid().ToString();

    public Task<bool> TakeAsync(string site) => db.StringSetAsync($"crawl:{site}", token, TimeSpan.FromSeconds(90), When.NotExists);

    public Task ReleaseAsync(string site) => db.ExecuteAsync("UNLINK", $"crawl:{site}");
}
