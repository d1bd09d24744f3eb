using System.Text;
using System.Text.Json;
using Locksmith.Queues;
using StackExchange.Redis;

namespace Locksmith.Redis.Queues;

/// <summary>A reply as stored for a waiting caller: <c>S</c> and the result's JSON, or <c>F</c> and the error's JSON.</summary>
internal static class ReplyCodec
{
    public static RedisValue Success(ReadOnlyMemory<byte> result)
    {
        var bytes = new byte[result.Length + 1];
        bytes[0] = (byte)'S';
        result.Span.CopyTo(bytes.AsSpan(1));
        return bytes;
    }

    public static RedisValue Failure(QueueError error) => "F" + JsonSerializer.Serialize(error);

    public static QueueReply Read(byte[] stored) => stored.Length > 0 && stored[0] == (byte)'F'
        ? new QueueReply(default, JsonSerializer.Deserialize<QueueError>(Encoding.UTF8.GetString(stored, 1, stored.Length - 1)))
        : new QueueReply(stored.AsMemory(1), null);
}
