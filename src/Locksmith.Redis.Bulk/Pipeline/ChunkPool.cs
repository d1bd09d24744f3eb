using System.Collections.Concurrent;

namespace Locksmith.Redis.Bulk.Pipeline;

/// <summary>Chunks handed back by the reply reader for the writer to fill again; their number is bounded by the in-flight window.</summary>
internal sealed class ChunkPool(int chunkBytes) : IDisposable
{
    private readonly ConcurrentQueue<OutboundChunk> _free = new();
    private readonly ConcurrentBag<OutboundChunk> _all = [];

    public OutboundChunk Rent()
    {
        if (_free.TryDequeue(out var chunk))
        {
            return chunk;
        }

        chunk = new OutboundChunk(chunkBytes);
        _all.Add(chunk);
        return chunk;
    }

    public void Return(OutboundChunk chunk)
    {
        chunk.Reset();
        _free.Enqueue(chunk);
    }

    public void Dispose()
    {
        foreach (var chunk in _all)
        {
            chunk.Dispose();
        }
    }
}
