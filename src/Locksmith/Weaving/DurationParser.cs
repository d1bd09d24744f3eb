using System.Globalization;

namespace Locksmith;

/// <summary>Parses the durations written in attributes: <c>"250ms"</c>, <c>"30s"</c>, <c>"2m"</c>, <c>"1h"</c>, <c>"00:00:30"</c>, <c>"infinite"</c>.</summary>
internal static class DurationParser
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        var s = text.Trim();
        if (s.Equals("infinite", StringComparison.OrdinalIgnoreCase))
        {
            value = Timeout.InfiniteTimeSpan;
            return true;
        }

        (string suffix, double unitMs)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, unitMs) in units)
        {
            if (s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(s.AsSpan(0, s.Length - suffix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                && double.IsFinite(n))
            {
                value = TimeSpan.FromMilliseconds(n * unitMs);
                return true;
            }
        }

        if (s == "0")
        {
            value = TimeSpan.Zero;
            return true;
        }

        return TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses or throws an exception that names the attribute property, the method and the accepted forms.</summary>
    public static TimeSpan Parse(string text, string property, string where)
    {
        if (TryParse(text, out var value))
        {
            return value;
        }

        throw new FormatException(
            $"{where}: {property} = \"{text}\" is not a duration. Write it as \"250ms\", \"30s\", \"2m\", \"1h\", \"00:00:30\" or \"infinite\".");
    }
}
