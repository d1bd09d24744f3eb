namespace Locksmith.Redis.Bulk.Parsing;

internal static class FormatDetection
{
    public static BulkInputFormat Detect(string path)
    {
        switch (Path.GetExtension(path).ToUpperInvariant())
        {
            case ".RESP" or ".PROTO":
                return BulkInputFormat.Resp;
            case ".CSV":
                return BulkInputFormat.Csv;
            case ".JSONL" or ".NDJSON":
                return BulkInputFormat.JsonLines;
        }

        // No telling extension: a RESP file starts with an array header, anything else is read as inline commands.
        using var stream = File.OpenRead(path);
        return stream.ReadByte() == '*' ? BulkInputFormat.Resp : BulkInputFormat.Inline;
    }
}
