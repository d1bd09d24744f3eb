namespace Locksmith.Redis.Bulk;

/// <summary>A line or RESP frame that could not be read as a command.</summary>
/// <param name="Position">Where the bad input starts (its line, or its byte offset for RESP).</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record InputError(CommandPosition Position, string Message)
{
    /// <summary>"line 3: unterminated quote ...".</summary>
    public override string ToString() => Position.Line > 0
        ? $"line {Position.Line}: {Message}"
        : $"byte {Position.ByteOffset}: {Message}";
}
