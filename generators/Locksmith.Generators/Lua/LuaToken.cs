namespace Locksmith.Generators.Lua
{
    internal enum LuaTokenKind
    {
        Name,
        String,
        Number,
        Symbol,
    }

    /// <summary>One Lua token with its 1-based line and column, for diagnostics.</summary>
    internal readonly struct LuaToken
    {
        public LuaToken(LuaTokenKind kind, string text, int line, int column)
        {
            Kind = kind;
            Text = text;
            Line = line;
            Column = column;
        }

        public LuaTokenKind Kind { get; }

        /// <summary>The source text; for strings, the value between the quotes.</summary>
        public string Text { get; }

        public int Line { get; }

        public int Column { get; }

        public bool Is(LuaTokenKind kind, string text) => Kind == kind && Text == text;

        public override string ToString() => $"{Kind} '{Text}' at {Line}:{Column}";
    }
}
