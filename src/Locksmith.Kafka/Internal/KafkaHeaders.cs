using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Locksmith.Kafka.Internal;

/// <summary>The headers Locksmith puts on Kafka records; the value is the arguments (or result) JSON, the key the partition key.</summary>
internal static class KafkaHeaders
{
    public const string Id = "ls-id";
    public const string Method = "ls-method";

    /// <summary>The replies-topic partition the waiting caller reads; present only when a reply is requested.</summary>
    public const string ReplyTo = "ls-reply-to";

    /// <summary>A copy written by replay or redrive: only this group runs it, and it runs even if the id completed before.</summary>
    public const string ForGroup = "ls-for-group";

    /// <summary>On dead letters: the group that gave up on the item.</summary>
    public const string Group = "ls-group";

    public const string ErrorType = "ls-error-type";
    public const string Error = "ls-error";
    public const string Attempts = "ls-attempts";

    /// <summary>On dead letters: where the item was, <c>partition/offset</c>.</summary>
    public const string Source = "ls-source";

    public static string? Text(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    public static int Number(Headers? headers, string name) =>
        int.TryParse(Text(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    public static void Add(Headers headers, string name, string value) => headers.Add(name, Encoding.UTF8.GetBytes(value));

    public static void Add(Headers headers, string name, long value) => Add(headers, name, value.ToString(CultureInfo.InvariantCulture));
}
