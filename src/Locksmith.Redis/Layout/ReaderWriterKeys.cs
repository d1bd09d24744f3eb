namespace Locksmith.Redis.Layout;

/// <summary>
/// The keys of one reader-writer lock, made by <see cref="RedisKeyLayout.ReaderWriter"/>; they share one hash tag. Release
/// notices of every mode go to the writer key's channel, so one subscription wakes readers and writers alike.
/// </summary>
/// <param name="Readers">Readers, scored by their own expiry.</param>
/// <param name="Writer">The writer's owner token.</param>
/// <param name="Intent">The first waiting writer or upgrade, which keeps new readers out.</param>
/// <param name="Upgrader">The upgradeable reader's owner token.</param>
/// <param name="Fence">The fencing counter, shared with the lock of the same name (tokens only ever rise).</param>
internal sealed record ReaderWriterKeys(string Readers, string Writer, string Intent, string Upgrader, string Fence)
{
    /// <summary>The key release notices name, and whose channel waiters subscribe to.</summary>
    public string NoticeKey => Writer;
}
