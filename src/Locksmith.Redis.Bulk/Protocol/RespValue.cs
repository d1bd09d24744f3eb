using System.Globalization;

namespace Locksmith.Redis.Bulk.Protocol;

internal enum RespKind
{
    SimpleString,
    Error,
    Integer,
    BulkString,
    Array,
    Null,
}

/// <summary>A decoded reply, for the request/response commands of the handshake and of inspection.</summary>
internal sealed record RespValue(RespKind Kind, string? Text = null, long Integer = 0, IReadOnlyList<RespValue>? Items = null)
{
    public static readonly RespValue NullValue = new(RespKind.Null);

    public bool IsError => Kind == RespKind.Error;

    public bool IsNull => Kind == RespKind.Null;

    public IReadOnlyList<RespValue> Array => Items ?? [];

    public string? AsString() => Kind switch
    {
        RespKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        RespKind.Null => null,
        _ => Text,
    };

    public long AsInteger() => Kind == RespKind.Integer
        ? Integer
        : long.TryParse(Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
