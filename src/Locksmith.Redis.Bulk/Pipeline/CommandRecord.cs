namespace Locksmith.Redis.Bulk.Pipeline;

/// <summary>One command inside a chunk: where its bytes are and where it came from, so an error reply maps back to it.</summary>
internal struct CommandRecord
{
    public int Offset;
    public int Length;
    public CommandPosition Position;
    public bool IsMarker;
}
