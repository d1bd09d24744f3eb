using System.Text.RegularExpressions;
using Locksmith.Testing;

namespace Locksmith.Tests.Documentation;

/// <summary>README.md and docs/ point only at files the repository has, so a clone reads whole.</summary>
public sealed partial class DocumentationLinkTests
{
    public static TheoryData<string> Pages() =>
        [.. new[] { Path.Combine(RepositoryRoot.Path, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md", SearchOption.AllDirectories))
            .Select(page => Path.GetRelativePath(RepositoryRoot.Path, page))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_relative_link_resolves_to_a_file_in_the_repository(string page)
    {
        var broken = Targets(File.ReadAllText(Path.Combine(RepositoryRoot.Path, page)))
            .Where(target => !ResolvesInside(page, target))
            .ToList();

        Assert.True(broken.Count == 0, $"{page} points outside the repository or at nothing: {string.Join(", ", broken)}");
    }

    /// <summary>Markdown link targets that are not web addresses, and paths in code spans that climb out of their folder.</summary>
    private static IEnumerable<string> Targets(string markdown) =>
        LinkTarget().Matches(markdown).Select(m => m.Groups["target"].Value)
            .Where(target => !UriScheme().IsMatch(target) && !target.StartsWith('#'))
            .Concat(ClimbingCodePath().Matches(markdown).Select(m => m.Groups["path"].Value));

    private static bool ResolvesInside(string page, string target)
    {
        var root = Path.GetFullPath(RepositoryRoot.Path);
        var full = Path.GetFullPath(Path.Combine(root, Path.GetDirectoryName(page)!, target.Split('#')[0]));
        var inside = full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside && (File.Exists(full) || Directory.Exists(full));
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex UriScheme();

    [GeneratedRegex(@"`(?<path>\.\./[^`\s]*)`")]
    private static partial Regex ClimbingCodePath();
}
