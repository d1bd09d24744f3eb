using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Locksmith.Analyzers.Tests;

/// <summary>
/// Test markup: <c>[|text|]</c> expects a diagnostic of the rule under test on exactly that text, <c>{|LSM004:text|}</c>
/// one with that id. Returns the source without the markup.
/// </summary>
internal static class Markup
{
    public static (string Source, List<(string? Id, TextSpan Span)> Expected) Parse(string markup)
    {
        var source = new StringBuilder();
        var expected = new List<(string?, TextSpan)>();
        var open = new Stack<(string? Id, int Start)>();
        var i = 0;
        while (i < markup.Length)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((null, source.Length));
                i += 2;
            }
            else if (Starts(markup, i, "{|") && markup.IndexOf(':', i) is var colon and > 0)
            {
                open.Push((markup.Substring(i + 2, colon - i - 2), source.Length));
                i = colon + 1;
            }
            else if (open.Count > 0 && (Starts(markup, i, "|]") || Starts(markup, i, "|}")))
            {
                var (id, start) = open.Pop();
                expected.Add((id, TextSpan.FromBounds(start, source.Length)));
                i += 2;
            }
            else
            {
                source.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw new InvalidOperationException("Unclosed markup in test source.");
        }

        return (source.ToString(), expected);
    }

    private static bool Starts(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
