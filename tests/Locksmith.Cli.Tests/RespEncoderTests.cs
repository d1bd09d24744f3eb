using System.Buffers;
using System.Text;
using Locksmith.Redis.Bulk.Protocol;

namespace Locksmith.Cli.Tests;

/// <summary>The RESP writer's public entry point and the convert command's guard.</summary>
public sealed class RespEncoderTests : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public void A_command_is_encoded_as_an_array_of_bulk_strings_in_UTF8()
    {
        var output = new ArrayBufferWriter<byte>();

        RespEncoder.Write(output, "SET", "clé", "");

        Assert.Equal("*3\r\n$3\r\nSET\r\n$4\r\nclé\r\n$0\r\n\r\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void An_empty_command_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RespEncoder.Write(new ArrayBufferWriter<byte>(), Array.Empty<string>()));
    }

    [Fact]
    public async Task Convert_refuses_to_overwrite_its_own_input()
    {
        var input = _files.Write("self.txt", "SET a 1\n");

        var run = await Cli.RunAsync("resp", "convert", input, "-o", input);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is the input file", run.Error);
        Assert.Equal("SET a 1\n", File.ReadAllText(input));
    }

    [Fact]
    public async Task Convert_reports_bad_lines_and_writes_the_good_ones_when_asked_to_continue()
    {
        var input = _files.Write("some-bad.txt", "SET a 1\nSET \"b\nSET c 3\n");
        var output = _files.PathOf("some-bad.resp");

        var run = await Cli.RunAsync("resp", "convert", input, "-o", output, "--continue-on-parse-error");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("input error at line 2: unterminated double quote", run.Output);
        Assert.Contains("wrote 2 commands", run.Output);
        Assert.Equal("*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$1\r\n3\r\n", File.ReadAllText(output));
    }

    public void Dispose() => _files.Dispose();
}
