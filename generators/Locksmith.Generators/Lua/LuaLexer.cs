using System.Collections.Generic;
using System.Text;

namespace Locksmith.Generators.Lua
{
    /// <summary>
    /// Splits Lua 5.1 source (the dialect Redis embeds) into tokens, skipping comments. Enough of the language to find
    /// KEYS/ARGV uses, redis.call arguments and block structure; it does not evaluate anything.
    /// </summary>
    internal sealed class LuaLexer
    {
        private readonly string _text;
        private int _position;
        private int _line = 1;
        private int _lineStart;

        private LuaLexer(string text)
        {
            _text = text;
        }

        /// <summary>Tokenizes <paramref name="text"/>; on a lexical error returns the tokens so far and the error.</summary>
        public static List<LuaToken> Tokenize(string text, out LuaSyntaxError? error)
        {
            var lexer = new LuaLexer(text);
            var tokens = new List<LuaToken>();
            error = lexer.Run(tokens);
            return tokens;
        }

        private LuaSyntaxError? Run(List<LuaToken> tokens)
        {
            while (_position < _text.Length)
            {
                var c = _text[_position];
                if (c == '\n')
                {
                    NewLine();
                    continue;
                }

                if (char.IsWhiteSpace(c))
                {
                    _position++;
                    continue;
                }

                var line = _line;
                var column = Column;
                if (c == '-' && Peek(1) == '-')
                {
                    _position += 2;
                    if (Peek(0) == '[' && LongBracketLevel() is int level)
                    {
                        if (!SkipLongBracket(level, out _))
                        {
                            return new LuaSyntaxError("the long comment --[[ that starts here is never closed", line, column);
                        }
                    }
                    else
                    {
                        while (_position < _text.Length && _text[_position] != '\n')
                        {
                            _position++;
                        }
                    }

                    continue;
                }

                if (c == '"' || c == '\'')
                {
                    var value = ReadQuoted(c, out var ok);
                    if (!ok)
                    {
                        return new LuaSyntaxError($"the string starting with {c} is not closed on its line", line, column);
                    }

                    tokens.Add(new LuaToken(LuaTokenKind.String, value, line, column));
                    continue;
                }

                if (c == '[' && LongBracketLevel() is int stringLevel)
                {
                    if (!SkipLongBracket(stringLevel, out var content))
                    {
                        return new LuaSyntaxError("the long string [[ that starts here is never closed", line, column);
                    }

                    tokens.Add(new LuaToken(LuaTokenKind.String, content, line, column));
                    continue;
                }

                if (char.IsLetter(c) || c == '_')
                {
                    var start = _position;
                    while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
                    {
                        _position++;
                    }

                    tokens.Add(new LuaToken(LuaTokenKind.Name, _text.Substring(start, _position - start), line, column));
                    continue;
                }

                if (char.IsDigit(c) || (c == '.' && Peek(1) is char d && char.IsDigit(d)))
                {
                    var start = _position;
                    while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '.'
                           || ((_text[_position] == '-' || _text[_position] == '+') && (_text[_position - 1] == 'e' || _text[_position - 1] == 'E'))))
                    {
                        _position++;
                    }

                    tokens.Add(new LuaToken(LuaTokenKind.Number, _text.Substring(start, _position - start), line, column));
                    continue;
                }

                tokens.Add(new LuaToken(LuaTokenKind.Symbol, ReadSymbol(), line, column));
            }

            return null;
        }

        private int Column => _position - _lineStart + 1;

        private char? Peek(int offset) => _position + offset < _text.Length ? _text[_position + offset] : (char?)null;

        private void NewLine()
        {
            _position++;
            _line++;
            _lineStart = _position;
        }

        /// <summary>At '[': the level of a long bracket ([[ is 0, [=[ is 1, ...), or null when it is a plain '['.</summary>
        private int? LongBracketLevel()
        {
            var i = _position + 1;
            var level = 0;
            while (i < _text.Length && _text[i] == '=')
            {
                level++;
                i++;
            }

            return i < _text.Length && _text[i] == '[' ? level : (int?)null;
        }

        private bool SkipLongBracket(int level, out string content)
        {
            _position += level + 2;
            var close = "]" + new string('=', level) + "]";
            var start = _position;
            while (_position < _text.Length)
            {
                if (string.CompareOrdinal(_text, _position, close, 0, close.Length) == 0)
                {
                    content = _text.Substring(start, _position - start);
                    _position += close.Length;
                    return true;
                }

                if (_text[_position] == '\n')
                {
                    NewLine();
                }
                else
                {
                    _position++;
                }
            }

            content = string.Empty;
            return false;
        }

        private string ReadQuoted(char quote, out bool ok)
        {
            var value = new StringBuilder();
            _position++;
            while (_position < _text.Length)
            {
                var c = _text[_position];
                if (c == quote)
                {
                    _position++;
                    ok = true;
                    return value.ToString();
                }

                if (c == '\n')
                {
                    break;
                }

                if (c == '\\' && _position + 1 < _text.Length)
                {
                    var next = _text[_position + 1];
                    value.Append(next switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => next });
                    _position += 2;
                    if (next == '\n')
                    {
                        _line++;
                        _lineStart = _position;
                    }

                    continue;
                }

                value.Append(c);
                _position++;
            }

            ok = false;
            return value.ToString();
        }

        private string ReadSymbol()
        {
            string[] multi = { "...", "..", "==", "~=", "<=", ">=" };
            foreach (var symbol in multi)
            {
                if (string.CompareOrdinal(_text, _position, symbol, 0, symbol.Length) == 0)
                {
                    _position += symbol.Length;
                    return symbol;
                }
            }

            return _text[_position++].ToString();
        }
    }

    /// <summary>A lexical or structural error in a script, with its 1-based position.</summary>
    internal sealed class LuaSyntaxError
    {
        public LuaSyntaxError(string message, int line, int column)
        {
            Message = message;
            Line = line;
            Column = column;
        }

        public string Message { get; }

        public int Line { get; }

        public int Column { get; }
    }
}
