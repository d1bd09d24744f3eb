using Microsoft.CodeAnalysis.Text;

namespace Locksmith.Generators.Tests;

/// <summary>Test markup: <c>[|text|]</c> marks where a diagnostic is expected. Returns the source without the markup.</summary>
internal static class Markup
{
    public static (string Source, TextSpan Span) Parse(string markup)
    {
        var start = markup.IndexOf("[|", StringComparison.Ordinal);
        var end = markup.IndexOf("|]", StringComparison.Ordinal);
        if (start < 0 || end < start || markup.IndexOf("[|", start + 2, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException("Test source needs exactly one [|...|].");
        }

        var source = markup.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
