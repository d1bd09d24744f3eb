using System;
using System.Globalization;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>
    /// The attribute duration grammar of src/Locksmith/Attributes/DurationParser.cs ("250ms", "30s", "2m", "1h",
    /// "00:00:30", "0", "infinite"), restated for netstandard2.0; the tests check both agree on the same inputs.
    /// </summary>
    internal static class DurationText
    {
        /// <summary>Milliseconds; <see cref="double.PositiveInfinity"/> for "infinite"; null when the text is not a duration.</summary>
        public static double? Parse(string text)
        {
            var s = text.Trim();
            if (string.Equals(s, "infinite", StringComparison.OrdinalIgnoreCase))
            {
                return double.PositiveInfinity;
            }

            string[] suffixes = { "ms", "s", "m", "h" };
            double[] units = { 1, 1000, 60_000, 3_600_000 };
            for (var i = 0; i < suffixes.Length; i++)
            {
                if (s.EndsWith(suffixes[i], StringComparison.OrdinalIgnoreCase)
                    && double.TryParse(s.Substring(0, s.Length - suffixes[i].Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                    && !double.IsNaN(n) && !double.IsInfinity(n))
                {
                    return n * units[i];
                }
            }

            if (s == "0")
            {
                return 0;
            }

            return TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var value) ? value.TotalMilliseconds : (double?)null;
        }
    }
}
