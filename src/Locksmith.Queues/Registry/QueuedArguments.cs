using System.Text.Json;

namespace Locksmith.Queues;

/// <summary>A queued call's arguments as read from the queue, deserialized one by one into the parameter types.</summary>
public sealed class QueuedArguments
{
    private readonly ReadOnlyMemory<byte> _json;
    private readonly (int Start, int Length)[]? _ranges;
    private readonly JsonElement[]? _values;
    private readonly JsonSerializerOptions _options;
    private readonly string _method;

    internal QueuedArguments(JsonElement[] values, JsonSerializerOptions options, string method)
    {
        _values = values;
        _options = options;
        _method = method;
    }

    private QueuedArguments(ReadOnlyMemory<byte> json, (int Start, int Length)[] ranges, JsonSerializerOptions options, string method)
    {
        _json = json;
        _ranges = ranges;
        _options = options;
        _method = method;
    }

    private int Count => _ranges?.Length ?? _values!.Length;

    /// <summary>The argument of the parameter at <paramref name="position"/>, read as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <param name="position">The parameter's position in the method's signature, from 0.</param>
    /// <returns>The argument.</returns>
    /// <exception cref="QueueArgumentException">The item has no such argument, or it cannot be read as <typeparamref name="T"/>.</exception>
    public T Get<T>(int position)
    {
        if ((uint)position >= (uint)Count)
        {
            throw new QueueArgumentException(
                $"The queued item for {_method} has {Count} argument(s), but parameter {position} was asked for. " +
                "It was probably enqueued by a version of the method with other parameters; it goes to the dead-letter stream.");
        }

        try
        {
            if (_ranges is null)
            {
                return _values![position].Deserialize<T>(_options)!;
            }

            var (start, length) = _ranges[position];
            var reader = new Utf8JsonReader(_json.Span.Slice(start, length));
            return JsonSerializer.Deserialize<T>(ref reader, _options)!;
        }
        catch (JsonException e)
        {
            throw new QueueArgumentException(
                $"Argument {position} of the queued item for {_method} cannot be read as {typeof(T).FullName}: {e.Message} " +
                "It was probably enqueued by a version of the method with other parameter types; it goes to the dead-letter stream.", e);
        }
    }

    /// <summary>
    /// Finds where each element of the arguments array lies, checking the whole text is well-formed JSON, without
    /// building a document: each argument is then read straight into its parameter's type by <see cref="Get{T}"/>.
    /// </summary>
    /// <exception cref="JsonException">The text is not a well-formed JSON array.</exception>
    internal static QueuedArguments Read(ReadOnlyMemory<byte> json, JsonSerializerOptions options, string method)
    {
        var reader = new Utf8JsonReader(json.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("the arguments are not a JSON array.");
        }

        var ranges = new List<(int Start, int Length)>(4);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            ranges.Add((start, (int)reader.BytesConsumed - start));
        }

        // The reader throws on truncated text or anything after the array but whitespace.
        while (reader.Read())
        {
        }

        return new QueuedArguments(json, [.. ranges], options, method);
    }
}
