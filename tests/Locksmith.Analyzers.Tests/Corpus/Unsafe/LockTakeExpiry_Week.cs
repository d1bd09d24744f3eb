// shape: LockTakeAsync with a seven-day expiry for a weekly report
// expect: LSM002
// why: if the worker dies the report is blocked for a week; hold a short lease and extend it
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.Unsafe.LockTakeWeek;

public sealed class WeeklyReport(IDatabase db)
{
    public Task<bool> ClaimAsync(string token) => db.LockTakeAsync("report:weekly", token, TimeSpan.FromDays(7));
}
