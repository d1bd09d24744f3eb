using Locksmith.Redis.Bulk.Protocol;

namespace Locksmith.Redis.Bulk.Parsing;

/// <summary>The values of one record (a CSV row, a JSON line) that a template's placeholders take.</summary>
internal interface IFieldSource
{
    /// <summary>How many fields there are by index (columns, array elements), for messages.</summary>
    int Count { get; }

    /// <summary>Appends field <paramref name="index"/> to the open argument; false when there is no such field.</summary>
    bool TryAppend(int index, ArgumentList output, out string? error);

    /// <summary>Whether <paramref name="name"/> is a field (a CSV header column, a JSON property).</summary>
    bool HasName(string name);

    /// <summary>Appends the named field to the open argument.</summary>
    bool TryAppend(string name, ArgumentList output, out string? error);
}
