using System.Buffers.Text;
using System.Text;

namespace Locksmith.Redis.Bulk.Protocol;

/// <summary>Turns an encoded command back into a readable, truncated line for error reports: <c>SET "my key" 42</c>.</summary>
internal static class RespCommandFormatter
{
    public const int DefaultMaxLength = 120;

    public static string Format(ReadOnlySpan<byte> frame, int maxLength = DefaultMaxLength)
    {
        var text = new StringBuilder();
        var at = 0;
        if (!Header(frame, ref at, (byte)'*', out var count))
        {
            return "(unreadable command)";
        }

        for (var i = 0; i < count && text.Length <= maxLength; i++)
        {
            if (!Header(frame, ref at, (byte)'$', out var size) || at + size > frame.Length)
            {
                break;
            }

            if (i > 0)
            {
                text.Append(' ');
            }

            Argument(frame.Slice(at, (int)size), text);
            at += (int)size + 2;
        }

        return text.Length > maxLength ? string.Concat(text.ToString(0, maxLength), "...") : text.ToString();
    }

    private static bool Header(ReadOnlySpan<byte> frame, ref int at, byte kind, out long value)
    {
        value = 0;
        if (at >= frame.Length || frame[at] != kind)
        {
            return false;
        }

        var end = frame[at..].IndexOf("\r\n"u8);
        if (end < 0 || !Utf8Parser.TryParse(frame.Slice(at + 1, end - 1), out value, out _))
        {
            return false;
        }

        at += end + 2;
        return true;
    }

    private static void Argument(ReadOnlySpan<byte> value, StringBuilder text)
    {
        var plain = !value.IsEmpty;
        foreach (var b in value)
        {
            if (b <= ' ' || b >= 127 || b == '"' || b == '\'' || b == '\\')
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            text.Append(Encoding.ASCII.GetString(value));
            return;
        }

        // Quoted the way redis-cli prints (and reads) it, so the line can be pasted back.
        text.Append('"');
        foreach (var b in value[..Math.Min(value.Length, 200)])
        {
            switch (b)
            {
                case (byte)'"':
                    text.Append("\\\"");
                    break;
                case (byte)'\\':
                    text.Append("\\\\");
                    break;
                case (byte)'\n':
                    text.Append("\\n");
                    break;
                case (byte)'\r':
                    text.Append("\\r");
                    break;
                case (byte)'\t':
                    text.Append("\\t");
                    break;
                case >= 32 and < 127:
                    text.Append((char)b);
                    break;
                default:
                    text.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }

        text.Append('"');
    }
}
