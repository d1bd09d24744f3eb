using System.Buffers;
using System.Text.Json;
using Locksmith.Queues;
using StackExchange.Redis;

namespace Locksmith.Redis.Queues;

/// <summary>
/// How an item is laid out in a stream entry: <c>id</c>, <c>m</c> (method), <c>a</c> (arguments, JSON), and when set
/// <c>k</c> (partition key) and <c>r</c> (a caller waits for the reply). Outbox entries add <c>t</c>, their target stream;
/// a redriven dead letter adds <c>g</c>, the one group that runs it.
/// </summary>
internal static class StreamEntryCodec
{
    public static NameValueEntry[] Fields(QueueMessage message)
    {
        var count = 3 + (message.PartitionKey is null ? 0 : 1) + (message.ReplyRequested ? 1 : 0);
        var fields = new NameValueEntry[count];
        fields[0] = new("id", message.Id);
        fields[1] = new("m", message.Method);
        fields[2] = new("a", message.Arguments);
        var next = 3;
        if (message.PartitionKey is not null)
        {
            fields[next++] = new("k", message.PartitionKey);
        }

        if (message.ReplyRequested)
        {
            fields[next] = new("r", "1");
        }

        return fields;
    }

    /// <summary>Reads an entry back; null when it is not a Locksmith item (written by something else, or damaged).</summary>
    public static QueueMessage? Read(string queue, StreamEntry entry)
    {
        string? id = null, method = null, key = null;
        ReadOnlyMemory<byte>? arguments = null;
        var reply = false;
        foreach (var field in entry.Values)
        {
            switch ((string?)field.Name)
            {
                case "id": id = field.Value; break;
                case "m": method = field.Value; break;
                case "a": arguments = (byte[]?)field.Value; break;
                case "k": key = field.Value; break;
                case "r": reply = field.Value == "1"; break;
            }
        }

        return id is null || method is null || arguments is null ? null : new QueueMessage(id, queue, method, arguments.Value, key, reply);
    }

    /// <summary>The group a redriven entry is meant for, or null when every group runs it.</summary>
    public static string? ForGroup(StreamEntry entry) => (string?)Field(entry, "g");

    /// <summary>One field of an entry, or null when it has none.</summary>
    public static RedisValue Field(StreamEntry entry, string name) => entry.Values.FirstOrDefault(v => v.Name == name).Value;

    /// <summary>The entry's fields as a JSON array of strings, for scripts that copy them (cjson decodes it).</summary>
    public static string FieldsJson(IEnumerable<NameValueEntry> fields, string? target = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteFields(writer, fields, target);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Chained calls as a JSON array of field arrays, each with its target stream.</summary>
    public static string ChainedJson(IEnumerable<(string Target, QueueMessage Message)> calls)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (target, message) in calls)
            {
                WriteFields(writer, Fields(message), target);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteFields(Utf8JsonWriter writer, IEnumerable<NameValueEntry> fields, string? target)
    {
        writer.WriteStartArray();
        if (target is not null)
        {
            writer.WriteStringValue("t");
            writer.WriteStringValue(target);
        }

        foreach (var field in fields)
        {
            writer.WriteStringValue((string?)field.Name);
            writer.WriteStringValue((string?)field.Value);
        }

        writer.WriteEndArray();
    }
}
