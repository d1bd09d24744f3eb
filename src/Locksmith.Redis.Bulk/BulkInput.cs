using Locksmith.Redis.Bulk.Parsing;

namespace Locksmith.Redis.Bulk;

/// <summary>An input to load or convert: a file or a stream, its format, and for CSV and JSON lines an optional command template.</summary>
public sealed class BulkInput
{
    private readonly Func<Stream> _open;

    private BulkInput(Func<Stream> open, string name, BulkInputFormat format, long? length)
    {
        _open = open;
        Name = name;
        Format = format;
        Length = length;
    }

    /// <summary>The file name, or the name given to a stream; used in messages.</summary>
    public string Name { get; }

    /// <summary>How the input is read.</summary>
    public BulkInputFormat Format { get; }

    /// <summary>The size in bytes, when known.</summary>
    public long? Length { get; }

    /// <summary>
    /// For CSV and JSON lines: a command in inline syntax whose placeholders are filled from each record, for example
    /// <c>HSET user:{0} name {1}</c> (by column or array index) or <c>HSET user:{id} name {name}</c> (by CSV header or
    /// JSON field). <c>{{</c> and <c>}}</c> are literal braces; braces around anything that is not a column stay as
    /// they are, so Redis Cluster hash tags need no escaping. Null: CSV rows must be <c>key,value</c> (a SET) and JSON
    /// lines must be arrays.
    /// </summary>
    public string? Template { get; set; }

    /// <summary>For CSV: the first line names the columns (and is not loaded). Defaults to false.</summary>
    public bool CsvHeader { get; set; }

    /// <summary>Reads a file; the format is taken from <paramref name="format"/>, else from the extension (.resp, .csv, .jsonl/.ndjson), else from the first byte (<c>*</c> means RESP), else inline.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static BulkInput FromFile(string path, BulkInputFormat? format = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The input file '{path}' does not exist; check the path.", path);
        }

        return new BulkInput(
            () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan | FileOptions.Asynchronous),
            path,
            format ?? FormatDetection.Detect(path),
            info.Length);
    }

    /// <summary>Reads a stream (standard input, a network stream); the caller keeps ownership and disposes it.</summary>
    public static BulkInput FromStream(Stream stream, BulkInputFormat format, string name = "input")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new BulkInput(() => new NonClosingStream(stream), name, format, stream.CanSeek ? stream.Length - stream.Position : null);
    }

    /// <summary>Picks the format of a file from its extension, else its first byte.</summary>
    public static BulkInputFormat DetectFormat(string path) => FormatDetection.Detect(path);

    internal Stream Open() => _open();

    internal ICommandParser CreateParser() => Format switch
    {
        BulkInputFormat.Resp => new RespFrameParser(),
        BulkInputFormat.Inline => new InlineCommandParser(),
        BulkInputFormat.Csv => new CsvCommandParser(CommandTemplate.ParseOrNull(Template), CsvHeader),
        BulkInputFormat.JsonLines => new JsonLinesCommandParser(CommandTemplate.ParseOrNull(Template)),
        _ => throw new ArgumentOutOfRangeException(nameof(Format), Format, "Unknown input format."),
    };
}
