using System.Buffers.Text;
using System.Text;

namespace Locksmith.Benchmarks.BulkLoad;

/// <summary>Writes N <c>SET key:i value:i</c> commands as RESP, the file both tools load.</summary>
internal static class RespFileGenerator
{
    public static void Write(string path, int commands)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Span<byte> key = stackalloc byte[32];
        Span<byte> value = stackalloc byte[32];
        for (var i = 0; i < commands; i++)
        {
            var k = Format("key:"u8, i, key);
            var v = Format("value:"u8, i, value);
            file.Write("*3\r\n$3\r\nSET\r\n"u8);
            Bulk(file, key[..k]);
            Bulk(file, value[..v]);
        }
    }

    private static int Format(ReadOnlySpan<byte> prefix, int number, Span<byte> destination)
    {
        prefix.CopyTo(destination);
        Utf8Formatter.TryFormat(number, destination[prefix.Length..], out var written);
        return prefix.Length + written;
    }

    private static void Bulk(Stream file, ReadOnlySpan<byte> value)
    {
        file.Write(Encoding.ASCII.GetBytes($"${value.Length}\r\n"));
        file.Write(value);
        file.Write("\r\n"u8);
    }
}
