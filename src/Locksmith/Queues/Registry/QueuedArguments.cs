using System.Text.Json;

namespace Locksmith.Queues;

/// <summary>A queued call's arguments as read from the queue, deserialized one by one into the parameter types.</summary>
public sealed class QueuedArguments
{
    private readonly JsonElement[] _values;
    private readonly JsonSerializerOptions _options;
    private readonly string _method;

    internal QueuedArguments(JsonElement[] values, JsonSerializerOptions options, string method)
    {
        _values = values;
        _options = options;
        _method = method;
    }

    /// <summary>The argument of the parameter at <paramref name="position"/>, read as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <param name="position">The parameter's position in the method's signature, from 0.</param>
    /// <returns>The argument.</returns>
    /// <exception cref="QueueArgumentException">The item has no such argument, or it cannot be read as <typeparamref name="T"/>.</exception>
    public T Get<T>(int position)
    {
        if ((uint)position >= (uint)_values.Length)
        {
            throw new QueueArgumentException(
                $"The queued item for {_method} has {_values.Length} argument(s), but parameter {position} was asked for. " +
                "It was probably enqueued by a version of the method with other parameters; it goes to the dead-letter stream.");
        }

        try
        {
            return _values[position].Deserialize<T>(_options)!;
        }
        catch (JsonException e)
        {
            throw new QueueArgumentException(
                $"Argument {position} of the queued item for {_method} cannot be read as {typeof(T).FullName}: {e.Message} " +
                "It was probably enqueued by a version of the method with other parameter types; it goes to the dead-letter stream.", e);
        }
    }
}
