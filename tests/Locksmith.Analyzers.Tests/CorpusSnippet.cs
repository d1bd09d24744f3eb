namespace Locksmith.Analyzers.Tests;

/// <summary>
/// One file of <c>Corpus/</c>: a reduced real-world lock shape and its header, <c>// shape:</c> (what it reproduces),
/// <c>// expect:</c> (the rule that must report it, or <c>none</c>) and <c>// why:</c>.
/// </summary>
internal sealed record CorpusSnippet(string Name, string Shape, string? ExpectedId, string Source)
{
    public bool IsSafe => ExpectedId is null;

    public static IReadOnlyList<CorpusSnippet> LoadAll()
    {
        var folder = Path.Combine(ConventionTests.FindRoot(), "tests", "Locksmith.Analyzers.Tests", "Corpus");
        return [.. Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(Load)];
    }

    private static CorpusSnippet Load(string path)
    {
        var source = File.ReadAllText(path);
        var name = Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(path))!, path).Replace('\\', '/');
        var shape = Header(source, "shape") ?? throw new InvalidOperationException(name + " has no '// shape:' line");
        var expect = Header(source, "expect") ?? throw new InvalidOperationException(name + " has no '// expect:' line");
        _ = Header(source, "why") ?? throw new InvalidOperationException(name + " has no '// why:' line");
        var expected = expect == "none" ? null : expect;

        // The folder and the header must agree, so a file moved between them cannot change the score unnoticed.
        var inSafe = name.StartsWith("Safe/", StringComparison.Ordinal);
        if (inSafe != (expected is null))
        {
            throw new InvalidOperationException($"{name}: '// expect: {expect}' does not match its folder");
        }

        return new CorpusSnippet(name, shape, expected, source);
    }

    private static string? Header(string source, string field)
    {
        foreach (var line in source.Split('\n'))
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                break;
            }

            var prefix = "// " + field + ":";
            if (trimmed.StartsWith(prefix, StringComparison.Ordinal))
            {
                return trimmed[prefix.Length..].Trim();
            }
        }

        return null;
    }
}
