namespace Locksmith.Redis.Bulk;

/// <summary>A command the server answered with an error.</summary>
/// <param name="Position">Where the command is in the input.</param>
/// <param name="Command">The command, readable and truncated (arguments with spaces or binary bytes quoted).</param>
/// <param name="Error">The server's error, for example <c>WRONGTYPE Operation against a key holding the wrong kind of value</c>.</param>
public sealed record CommandFailure(CommandPosition Position, string Command, string Error);
