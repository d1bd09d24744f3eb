using System.Text.Json;
using System.Text.Json.Serialization;

namespace Locksmith.Chaos.History;

/// <summary>
/// A client's log: one JSON line per event, written through to the OS at once, so a SIGKILL loses at most the line
/// being written (and <see cref="Read"/> skips a torn last line).
/// </summary>
public sealed class EventLog : IDisposable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    public EventLog(string path)
    {
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public void Write(ChaosEvent e)
    {
        var line = JsonSerializer.Serialize(e, Json);
        lock (_gate)
        {
            _writer.WriteLine(line);
        }
    }

    public void Dispose() => _writer.Dispose();

    public static IEnumerable<ChaosEvent> Read(string path)
    {
        if (!File.Exists(path))
        {
            // An incarnation killed before it opened its log wrote nothing: it has no history, not a broken one.
            yield break;
        }

        foreach (var line in File.ReadLines(path))
        {
            ChaosEvent? e = null;
            try
            {
                e = JsonSerializer.Deserialize<ChaosEvent>(line, Json);
            }
            catch (JsonException)
            {
                // The line a SIGKILL tore.
            }

            if (e is not null)
            {
                yield return e;
            }
        }
    }
}
