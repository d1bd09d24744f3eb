using System.CommandLine;
using Locksmith.Redis.Bulk;

namespace Locksmith.Cli.Commands;

/// <summary>The options that say how to read an input: format, template, CSV header, what to do with a bad line.</summary>
internal sealed class InputArguments
{
    private readonly Option<string> _format = new("--format", "-f")
    {
        Description = "Input format: auto (by extension, else '*' means RESP, else inline), resp, inline, csv, jsonl. Standard input (-) defaults to resp.",
        DefaultValueFactory = _ => "auto",
    };

    private readonly Option<string?> _template = new("--template", "-t")
    {
        Description = "For csv and jsonl: a command with placeholders, e.g. \"HSET user:{0} name {1}\" or \"SET {id} {name}\".",
    };

    private readonly Option<bool> _csvHeader = new("--csv-header") { Description = "The CSV's first line names the columns ({name} placeholders)." };

    private readonly Option<bool> _continue = new("--continue-on-parse-error") { Description = "Skip bad lines or frames instead of stopping before them." };

    public Argument<string> File { get; } = new("input") { Description = "The input file, or - for standard input." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        command.Options.Add(_format);
        command.Options.Add(_template);
        command.Options.Add(_csvHeader);
        command.Options.Add(_continue);
    }

    public bool ContinueOnInputError(ParseResult result) => result.GetValue(_continue);

    /// <exception cref="FormatException">Unknown format name.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public BulkInput Open(ParseResult result, CliConsole console)
    {
        var path = result.GetValue(File)!;
        var format = result.GetValue(_format)!.ToUpperInvariant() switch
        {
            "AUTO" => (BulkInputFormat?)null,
            "RESP" => BulkInputFormat.Resp,
            "INLINE" or "TEXT" => BulkInputFormat.Inline,
            "CSV" => BulkInputFormat.Csv,
            "JSONL" or "JSON" or "NDJSON" => BulkInputFormat.JsonLines,
            var other => throw new FormatException($"Unknown --format '{other.ToLowerInvariant()}'; use auto, resp, inline, csv or jsonl."),
        };

        var input = path == "-"
            ? BulkInput.FromStream(console.OpenInput(), format ?? BulkInputFormat.Resp, "standard input")
            : BulkInput.FromFile(path, format);
        input.Template = result.GetValue(_template);
        input.CsvHeader = result.GetValue(_csvHeader);
        if (input.Template is not null && input.Format is not (BulkInputFormat.Csv or BulkInputFormat.JsonLines))
        {
            throw new FormatException($"--template applies to csv and jsonl inputs, but '{input.Name}' is read as {input.Format}; pass --format csv or --format jsonl.");
        }

        return input;
    }
}
