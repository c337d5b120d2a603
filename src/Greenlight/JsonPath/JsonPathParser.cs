using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Greenlight.JsonPath;

/// <summary>Recursive-descent parser of a JSONPath into segments and filter expressions; errors name the position.</summary>
internal sealed class JsonPathParser(string text)
{
    private int _pos;

    public IReadOnlyList<PathSegment> ParseQuery()
    {
        var segments = new List<PathSegment>();
        if (Peek() == '$')
        {
            _pos++;
        }
        else if (_pos < text.Length && Peek() != '.' && Peek() != '[')
        {
            // Newtonsoft-style "items[0]": a leading member name without "$.".
            segments.Add(new PathSegment(false, [new NameSelector(ReadMemberName())]));
        }

        ParseSegments(segments, inFilter: false);
        if (_pos < text.Length)
        {
            throw Error($"unexpected '{text[_pos]}'");
        }

        return segments;
    }

    private void ParseSegments(List<PathSegment> segments, bool inFilter)
    {
        while (true)
        {
            if (inFilter)
            {
                // Inside a filter "@ .x" is not a path step, so no whitespace is skipped before one.
                if (_pos >= text.Length || (Peek() != '.' && Peek() != '['))
                {
                    return;
                }
            }
            else if (_pos >= text.Length)
            {
                return;
            }

            if (Peek() == '.')
            {
                _pos++;
                var descendant = false;
                if (Peek() == '.')
                {
                    _pos++;
                    descendant = true;
                }

                if (Peek() == '[')
                {
                    if (!descendant)
                    {
                        throw Error("'[' cannot follow a single '.'");
                    }

                    segments.Add(new PathSegment(true, ParseBracket()));
                }
                else if (Peek() == '*')
                {
                    _pos++;
                    segments.Add(new PathSegment(descendant, [new WildcardSelector()]));
                }
                else
                {
                    segments.Add(new PathSegment(descendant, [new NameSelector(ReadMemberName())]));
                }
            }
            else if (Peek() == '[')
            {
                segments.Add(new PathSegment(false, ParseBracket()));
            }
            else
            {
                throw Error($"expected '.' or '[' but found '{text[_pos]}'");
            }
        }
    }

    private string ReadMemberName()
    {
        var start = _pos;
        while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] is '_' or '-' or '$' || text[_pos] > 0x7F))
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw Error(_pos < text.Length ? $"expected a member name but found '{text[_pos]}'" : "expected a member name at the end");
        }

        return text[start.._pos];
    }

    private List<Selector> ParseBracket()
    {
        Expect('[');
        var selectors = new List<Selector>();
        while (true)
        {
            SkipSpace();
            selectors.Add(ParseSelector());
            SkipSpace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            Expect(']');
            return selectors;
        }
    }

    private Selector ParseSelector()
    {
        var c = Peek();
        if (c is '\'' or '"')
        {
            return new NameSelector(ReadString());
        }

        if (c == '*')
        {
            _pos++;
            return new WildcardSelector();
        }

        if (c == '?')
        {
            _pos++;
            SkipSpace();
            return new FilterSelector(ParseOr());
        }

        if (c == '-' || c == ':' || char.IsAsciiDigit(c))
        {
            var start = ReadOptionalInteger();
            SkipSpace();
            if (Peek() != ':')
            {
                return new IndexSelector(start ?? throw Error("expected an index"));
            }

            _pos++;
            SkipSpace();
            var end = ReadOptionalInteger();
            SkipSpace();
            long? step = null;
            if (Peek() == ':')
            {
                _pos++;
                SkipSpace();
                step = ReadOptionalInteger();
            }

            return new SliceSelector(start, end, step);
        }

        throw Error(_pos < text.Length ? $"unexpected '{c}' in brackets" : "unclosed '['");
    }

    private long? ReadOptionalInteger()
    {
        var start = _pos;
        if (Peek() == '-')
        {
            _pos++;
        }

        while (char.IsAsciiDigit(Peek()))
        {
            _pos++;
        }

        if (_pos == start)
        {
            return null;
        }

        return long.TryParse(text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Error($"'{text[start.._pos]}' is not an index");
    }

    private FilterExpression ParseOr()
    {
        var left = ParseAnd();
        while (TryTake("||"))
        {
            left = new OrExpression(left, ParseAnd());
        }

        return left;
    }

    private FilterExpression ParseAnd()
    {
        var left = ParseUnary();
        while (TryTake("&&"))
        {
            left = new AndExpression(left, ParseUnary());
        }

        return left;
    }

    private FilterExpression ParseUnary()
    {
        SkipSpace();
        if (Peek() == '!' && Peek(1) != '=')
        {
            _pos++;
            return new NotExpression(ParseUnary());
        }

        if (Peek() == '(')
        {
            _pos++;
            var inner = ParseOr();
            SkipSpace();
            Expect(')');
            return inner;
        }

        var left = ParseOperand();
        SkipSpace();
        var op = ReadOperator();
        if (op is null)
        {
            return left is QueryOperand query ? new ExistsExpression(query) : throw Error("a literal alone is not a test; compare it with ==, !=, <, <=, > or >=");
        }

        SkipSpace();
        return new ComparisonExpression(left, op, ParseOperand());
    }

    private string? ReadOperator()
    {
        foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
        {
            if (TryTake(op))
            {
                return op;
            }
        }

        return null;
    }

    private FilterOperand ParseOperand()
    {
        SkipSpace();
        var c = Peek();
        if (c is '@' or '$')
        {
            _pos++;
            var segments = new List<PathSegment>();
            ParseSegments(segments, inFilter: true);
            return new QueryOperand(c == '@', segments);
        }

        if (c is '\'' or '"')
        {
            return new LiteralOperand(JsonValue.Create(ReadString()));
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            var start = _pos;
            _pos++;
            while (char.IsAsciiDigit(Peek()) || Peek() is '.' or 'e' or 'E' || (Peek() is '+' or '-' && text[_pos - 1] is 'e' or 'E'))
            {
                _pos++;
            }

            var literal = text[start.._pos];
            return double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? new LiteralOperand(JsonValue.Create(d))
                : throw Error($"'{literal}' is not a number");
        }

        foreach (var (word, value) in new (string, JsonNode?)[] { ("true", JsonValue.Create(true)), ("false", JsonValue.Create(false)), ("null", null) })
        {
            if (TryTake(word))
            {
                return new LiteralOperand(value);
            }
        }

        throw Error(_pos < text.Length ? $"expected a path (@ or $) or a literal but found '{c}'" : "the filter ends early");
    }

    private string ReadString()
    {
        var quote = text[_pos++];
        var sb = new StringBuilder();
        while (_pos < text.Length && text[_pos] != quote)
        {
            var c = text[_pos++];
            if (c == '\\' && _pos < text.Length)
            {
                var e = text[_pos++];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u' when _pos + 4 <= text.Length && int.TryParse(text.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                        sb.Append((char)code);
                        _pos += 4;
                        break;
                    default: sb.Append(e); break;
                }
            }
            else
            {
                sb.Append(c);
            }
        }

        if (_pos >= text.Length)
        {
            throw Error($"unclosed string (missing {quote})");
        }

        _pos++;
        return sb.ToString();
    }

    private bool TryTake(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(text, _pos, token, 0, token.Length) == 0)
        {
            _pos += token.Length;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error(_pos < text.Length ? $"expected '{c}' but found '{text[_pos]}'" : $"expected '{c}' at the end");
        }

        _pos++;
    }

    private void SkipSpace()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
        {
            _pos++;
        }
    }

    private char Peek(int ahead = 0) => _pos + ahead < text.Length ? text[_pos + ahead] : '\0';

    private JsonPathException Error(string what) => new($"{what} at position {_pos + 1} of {text}");
}
