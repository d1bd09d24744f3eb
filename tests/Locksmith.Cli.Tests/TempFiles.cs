namespace Locksmith.Cli.Tests;

/// <summary>A temporary folder per test class for input and output files.</summary>
public sealed class TempFiles : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locksmith-cli-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string PathOf(string name) => Path.Combine(_dir, name);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
