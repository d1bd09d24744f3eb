using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Locksmith.Generators.Model
{
    /// <summary>
    /// A source location as data (file, span, lines): a <see cref="Location"/> holds its syntax tree, which a new
    /// compilation replaces, so keeping one in the model would defeat caching.
    /// </summary>
    internal sealed record SourceLocationSpec(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public static SourceLocationSpec From(Location location) =>
            new SourceLocationSpec(location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan, location.GetLineSpan().Span);

        /// <summary>A point in a file that is not C# (a .lua script), from the 1-based line and column its checks count in.</summary>
        public static SourceLocationSpec At(string filePath, int line, int column)
        {
            var position = new LinePosition(System.Math.Max(0, line - 1), System.Math.Max(0, column - 1));
            return new SourceLocationSpec(filePath, default, new LinePositionSpan(position, position));
        }

        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
    }
}
