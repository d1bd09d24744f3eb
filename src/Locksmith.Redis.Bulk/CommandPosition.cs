using System.Globalization;

namespace Locksmith.Redis.Bulk;

/// <summary>Where a command came from in its input.</summary>
/// <param name="CommandIndex">The command's number in the input, counting from 1.</param>
/// <param name="Line">The line it starts on, counting from 1; 0 for RESP input, which has no lines.</param>
/// <param name="ByteOffset">The offset in bytes of its first byte from the start of the input.</param>
public readonly record struct CommandPosition(long CommandIndex, long Line, long ByteOffset)
{
    /// <summary>"line 12" for text inputs, "command 5 (byte 340)" for RESP.</summary>
    public override string ToString() => Line > 0
        ? string.Create(CultureInfo.InvariantCulture, $"line {Line}")
        : string.Create(CultureInfo.InvariantCulture, $"command {CommandIndex} (byte {ByteOffset})");
}
