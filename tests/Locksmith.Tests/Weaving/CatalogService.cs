namespace Locksmith.Tests.Weaving;

/// <summary>Methods under reader-writer locks, each running a callback while it holds its lock.</summary>
public class CatalogService
{
    [ReadLock("catalog:{id}", WaitTimeout = "5s")]
    public virtual async Task<int> ReadAsync(int id, Func<Task> body)
    {
        await body();
        return id;
    }

    [WriteLock("catalog:{id}", WaitTimeout = "5s", Fencing = true)]
    public virtual async Task WriteAsync(int id, Func<Task> body) => await body();

    /// <summary>A writer that reads the same key in its own flow: re-enters, never waits for itself.</summary>
    [WriteLock("catalog:{id}", WaitTimeout = "1s")]
    public virtual Task<int> WriteThenReadAsync(int id) => ReadAsync(id, () => Task.CompletedTask);

    /// <summary>A reader that asks for the write lock of the same key in its own flow: refused.</summary>
    [ReadLock("catalog:{id}", WaitTimeout = "1s")]
    public virtual Task ReadThenWriteAsync(int id) => WriteAsync(id, () => Task.CompletedTask);

    /// <summary>A reader of another key may write this one.</summary>
    [ReadLock("catalog:{other}", WaitTimeout = "1s")]
    public virtual Task ReadOtherThenWriteAsync(int other, int id) => WriteAsync(id, () => Task.CompletedTask);
}
