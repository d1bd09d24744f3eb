using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Locksmith.Generators.Queues.Model
{
    /// <summary>
    /// A source location as data (file, span, lines): a <see cref="Location"/> holds its syntax tree, which a new
    /// compilation replaces, so keeping one in the model would defeat caching.
    /// </summary>
    internal sealed record SourceLocationSpec(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public static SourceLocationSpec From(Location location) =>
            new SourceLocationSpec(location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan, location.GetLineSpan().Span);

        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
    }
}
