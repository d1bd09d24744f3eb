namespace Locksmith.Redis.Bulk;

/// <summary>The shape of a bulk-load input file.</summary>
public enum BulkInputFormat
{
    /// <summary>Commands already in the Redis protocol (RESP arrays of bulk strings), as <c>redis-cli --pipe</c> reads.</summary>
    Resp,

    /// <summary>One redis-cli-style command per line: <c>SET "my key" 'it''s'</c>, with double-quote escapes (<c>\n</c>, <c>\x41</c>).</summary>
    Inline,

    /// <summary>Comma-separated values: <c>key,value</c> becomes <c>SET key value</c>, or a command template fills columns.</summary>
    Csv,

    /// <summary>One JSON value per line: an array is the command; objects (and arrays) fill a command template.</summary>
    JsonLines,
}
