using System.Runtime.CompilerServices;

namespace Locksmith.Keys;

/// <summary>One piece of a compiled key: appends itself to the key being built.</summary>
internal abstract class KeySegment
{
    public abstract void Append(ref DefaultInterpolatedStringHandler handler, object?[] args);
}

internal sealed class LiteralSegment(string text) : KeySegment
{
    public string Text { get; } = text;

    public override void Append(ref DefaultInterpolatedStringHandler handler, object?[] args) => handler.AppendLiteral(Text);
}

/// <summary>A placeholder whose value is read by a compiled, typed accessor, so value types are formatted without boxing.</summary>
internal sealed class PlaceholderSegment<T>(Func<object?[], T> accessor, string? format) : KeySegment
{
    public override void Append(ref DefaultInterpolatedStringHandler handler, object?[] args) =>
        handler.AppendFormatted(accessor(args), format);
}
