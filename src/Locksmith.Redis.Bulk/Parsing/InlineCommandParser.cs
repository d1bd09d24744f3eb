namespace Locksmith.Redis.Bulk.Parsing;

/// <summary>One redis-cli-style command per line; blank lines and lines starting with # are skipped.</summary>
internal sealed class InlineCommandParser : LineCommandParser
{
    protected override LineOutcome ParseLine(ReadOnlySpan<byte> line, long lineNumber, out string? error)
    {
        error = null;
        var trimmed = line.TrimStart(" \t"u8);
        if (IsBlank(trimmed) || trimmed[0] == '#')
        {
            return LineOutcome.Skip;
        }

        return InlineArgumentSplitter.Split(line, Arguments, out error) ? LineOutcome.Command : LineOutcome.Error;
    }
}
