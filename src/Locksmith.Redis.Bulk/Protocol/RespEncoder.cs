using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Locksmith.Redis.Bulk.Protocol;

/// <summary>Encodes commands in the Redis protocol: an array of bulk strings, <c>*2\r\n$3\r\nGET\r\n$1\r\nk\r\n</c>.</summary>
internal static class RespEncoder
{
    /// <summary>Writes one command; strings are encoded as UTF-8.</summary>
    public static void Write(IBufferWriter<byte> output, params IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count == 0)
        {
            throw new ArgumentException("A command needs at least its name.", nameof(arguments));
        }

        var list = new ArgumentList();
        foreach (var argument in arguments)
        {
            list.Add(Encoding.UTF8.GetBytes(argument));
        }

        var length = EncodedLength(list);
        Write(list, output.GetSpan(length));
        output.Advance(length);
    }

    internal static int EncodedLength(ArgumentList arguments)
    {
        var length = 1 + Digits(arguments.Count) + 2;
        for (var i = 0; i < arguments.Count; i++)
        {
            var size = arguments[i].Length;
            length += 1 + Digits(size) + 2 + size + 2;
        }

        return length;
    }

    /// <summary>Writes the encoded command into <paramref name="destination"/>, which must be exactly <see cref="EncodedLength"/> long or longer.</summary>
    internal static void Write(ArgumentList arguments, Span<byte> destination)
    {
        var at = Header((byte)'*', arguments.Count, destination);
        for (var i = 0; i < arguments.Count; i++)
        {
            var value = arguments[i];
            at += Header((byte)'$', value.Length, destination[at..]);
            value.CopyTo(destination[at..]);
            at += value.Length;
            destination[at++] = (byte)'\r';
            destination[at++] = (byte)'\n';
        }
    }

    private static int Header(byte kind, int count, Span<byte> destination)
    {
        destination[0] = kind;
        Utf8Formatter.TryFormat(count, destination[1..], out var written);
        destination[1 + written] = (byte)'\r';
        destination[2 + written] = (byte)'\n';
        return written + 3;
    }

    private static int Digits(int value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }
}
