namespace Locksmith.Redis.Bulk.Protocol;

/// <summary>A reusable list of command arguments stored back to back in one byte buffer (no allocation per line).</summary>
internal sealed class ArgumentList
{
    private byte[] _bytes = new byte[4096];
    private readonly List<(int Start, int Length)> _ranges = [];
    private int _used;
    private int _openStart = -1;

    public int Count => _ranges.Count;

    public ReadOnlySpan<byte> this[int index] => _bytes.AsSpan(_ranges[index].Start, _ranges[index].Length);

    public void Clear()
    {
        _ranges.Clear();
        _used = 0;
        _openStart = -1;
    }

    /// <summary>Starts an argument; bytes appended until <see cref="EndArgument"/> belong to it.</summary>
    public void BeginArgument() => _openStart = _used;

    public void Append(byte value)
    {
        Ensure(1);
        _bytes[_used++] = value;
    }

    public void Append(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_bytes.AsSpan(_used));
        _used += value.Length;
    }

    public void EndArgument()
    {
        _ranges.Add((_openStart, _used - _openStart));
        _openStart = -1;
    }

    public void Add(ReadOnlySpan<byte> value)
    {
        BeginArgument();
        Append(value);
        EndArgument();
    }

    private void Ensure(int extra)
    {
        if (_used + extra > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + extra));
        }
    }
}
