using System.Text.Json;
using System.Text.Json.Serialization;

namespace Locksmith.Chaos.History;

/// <summary>
/// A client's log: one JSON line per event, written through to the OS at once, so a SIGKILL loses at most the line
/// being written (and <see cref="Read{T}"/> skips a torn last line).
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

    public void Write(ChaosEvent e) => WriteLine(JsonSerializer.Serialize(e, Json));

    /// <summary>Writes a queue client's event (see <see cref="QueueEvent"/>).</summary>
    public void Write(QueueEvent e) => WriteLine(JsonSerializer.Serialize(e, Json));

    private void WriteLine(string line)
    {
        lock (_gate)
        {
            _writer.WriteLine(line);
        }
    }

    public void Dispose() => _writer.Dispose();

    public static IEnumerable<ChaosEvent> Read(string path) => Read<ChaosEvent>(path);

    /// <summary>Reads a log of any event type, skipping a torn last line.</summary>
    public static IEnumerable<T> Read<T>(string path)
        where T : class
    {
        if (!File.Exists(path))
        {
            // An incarnation killed before it opened its log wrote nothing: it has no history, not a broken one.
            yield break;
        }

        foreach (var line in File.ReadLines(path))
        {
            T? e = null;
            try
            {
                e = JsonSerializer.Deserialize<T>(line, Json);
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
