// shape: ISemaphoreProvider.TryAcquireAsync permit used without a null check
// expect: LSM017
// why: null means no permit; the request still hits the rate-limited backend
using System;
using System.Threading.Tasks;
using Locksmith;

namespace Corpus.Unsafe.TryAcquireSemaphore;

public sealed class ApiClient(ISemaphoreProvider semaphores)
{
    public async Task CallAsync(Func<Task> call)
    {
        await using var permit = await semaphores.TryAcquireAsync("partner-api", 10);
        await call();
    }
}
