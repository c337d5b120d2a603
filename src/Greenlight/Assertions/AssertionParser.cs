using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Greenlight.Text;

namespace Greenlight.Assertions;

/// <summary>
/// A hand-written scanner and recursive-descent parser for <c>subject operator value</c>.
/// The subject is scanned with bracket and quote tracking so JSONPath filters such as
/// <c>json.$.items[?(@.name == 'a')]</c> are one subject, never split on "==".
/// </summary>
internal static class AssertionParser
{
    private static readonly string[] Functions = ["len", "p50", "p90", "p95", "p99", "min", "max", "avg"];

    public static IReadOnlyList<string> FunctionNames => Functions;

    public static Assertion Parse(string text)
    {
        var cursor = new Cursor(text);
        cursor.SkipSpace();
        if (cursor.AtEnd)
        {
            throw new AssertionSyntaxException("empty assertion: expected `subject operator value`, such as `status == 200`", 0);
        }

        var subject = ParseSubject(ref cursor);
        cursor.SkipSpace();
        if (cursor.AtEnd)
        {
            throw new AssertionSyntaxException($"expected an operator after `{subject.Text}` ({AssertionOperators.All})", cursor.Position);
        }

        var op = ParseOperator(ref cursor);
        Literal? expected = null;
        if (AssertionOperators.TakesValue(op))
        {
            cursor.SkipSpace();
            if (cursor.AtEnd)
            {
                throw new AssertionSyntaxException($"expected a value after `{AssertionOperators.Spell(op)}`", cursor.Position);
            }

            expected = op is AssertionOperator.Matches or AssertionOperator.NotMatches ? ParseRegexOrValue(ref cursor)
                : IsComparison(op) ? ParseComparand(ref cursor, subject)
                : ParseValue(ref cursor, allowList: true);
            if (op is AssertionOperator.In or AssertionOperator.NotIn && expected.Kind != LiteralKind.List && expected.Kind != LiteralKind.Template)
            {
                throw new AssertionSyntaxException($"`{AssertionOperators.Spell(op)}` takes a list such as [200, 204]", expected.Column);
            }
        }

        cursor.SkipSpace();
        if (!cursor.AtEnd)
        {
            throw new AssertionSyntaxException($"unexpected `{cursor.Rest}` after the assertion; text values must be quoted", cursor.Position);
        }

        return new Assertion(text.Trim(), subject, op, expected);
    }

    /// <summary>Parses a subject alone, as written in <c>capture</c>.</summary>
    public static SubjectRef ParseSubjectOnly(string text)
    {
        var cursor = new Cursor(text);
        cursor.SkipSpace();
        var subject = ParseSubject(ref cursor);
        cursor.SkipSpace();
        if (!cursor.AtEnd)
        {
            throw new AssertionSyntaxException($"unexpected `{cursor.Rest}` after the subject", cursor.Position);
        }

        return subject;
    }

    /// <summary>Turns text known only at run time (after ${…}) into a typed value.</summary>
    public static AssertionValue ParseLooseValue(string text)
    {
        var trimmed = text.Trim();
        try
        {
            var cursor = new Cursor(trimmed);
            var literal = ParseValue(ref cursor, allowList: true);
            cursor.SkipSpace();
            if (cursor.AtEnd && literal.Kind == LiteralKind.Value && literal.Value is not null)
            {
                return literal.Value;
            }
        }
        catch (AssertionSyntaxException)
        {
            // Not a literal: it is text.
        }

        return AssertionValue.FromString(text);
    }

    private static SubjectRef ParseSubject(ref Cursor cursor)
    {
        var start = cursor.Position;
        var identifier = cursor.PeekIdentifier();
        if (identifier.Length > 0 && cursor.PeekAt(identifier.Length) == '(')
        {
            if (!Functions.Contains(identifier, StringComparer.Ordinal))
            {
                throw new AssertionSyntaxException($"unknown function `{identifier}`: expected one of {string.Join(", ", Functions)}", start);
            }

            cursor.Advance(identifier.Length + 1);
            cursor.SkipSpace();
            var inner = ParseSubject(ref cursor);
            cursor.SkipSpace();
            if (cursor.Current != ')')
            {
                throw new AssertionSyntaxException($"expected `)` to close `{identifier}(`", cursor.Position);
            }

            cursor.Advance(1);
            if (inner.Function is not null)
            {
                throw new AssertionSyntaxException("functions cannot be nested", inner.Column);
            }

            return inner with { Function = identifier, Text = cursor.Slice(start), Column = start };
        }

        var text = ScanSubjectText(ref cursor);
        if (text.Length == 0)
        {
            throw new AssertionSyntaxException("expected a subject such as `status`, `body`, `json.$.field` or `duration`", start);
        }

        var rootLength = 0;
        while (rootLength < text.Length && (char.IsAsciiLetterOrDigit(text[rootLength]) || text[rootLength] == '_'))
        {
            rootLength++;
        }

        if (rootLength == 0)
        {
            throw new AssertionSyntaxException($"a subject starts with a name, such as `status` or `json.$.field`; got `{text}`", start);
        }

        var root = text[..rootLength];
        string? argument = null;
        if (rootLength < text.Length)
        {
            var rest = text[rootLength..];
            argument = rest[0] == '.' ? rest[1..] : rest;
            if (argument.Length == 0)
            {
                throw new AssertionSyntaxException($"expected a name after `{root}.`", start + rootLength + 1);
            }
        }

        return new SubjectRef(root, argument, null, text, start);
    }

    private static bool IsComparison(AssertionOperator op) => op is AssertionOperator.Equal or AssertionOperator.NotEqual
        or AssertionOperator.Less or AssertionOperator.LessOrEqual or AssertionOperator.Greater or AssertionOperator.GreaterOrEqual;

    /// <summary>A value, or arithmetic over values and <c>baseline(…)</c>: <c>baseline(p95(duration)) + 500ms</c>.</summary>
    private static Literal ParseComparand(ref Cursor cursor, SubjectRef own)
    {
        if (cursor.Current == '[')
        {
            return ParseValue(ref cursor, allowList: true);
        }

        var start = cursor.Position;
        var expression = ParseSum(ref cursor, own);
        if (expression is ValueExpression.Constant constant)
        {
            return constant.Literal;
        }

        return new Literal(LiteralKind.Expression, cursor.Slice(start).TrimEnd(), start) { Expression = expression, Items = [.. expression.Constants()] };
    }

    private static ValueExpression ParseSum(ref Cursor cursor, SubjectRef own)
    {
        var left = ParseProduct(ref cursor, own);
        while (true)
        {
            var before = cursor;
            cursor.SkipSpace();
            // `2026-12-01` is not arithmetic: + and - need a space before them.
            if (cursor.Current is not ('+' or '-') || cursor.Position == before.Position)
            {
                cursor = before;
                return left;
            }

            var op = cursor.Current;
            var at = cursor.Position;
            cursor.Advance(1);
            left = Combine(op, left, ParseProduct(ref cursor, own), at);
        }
    }

    private static ValueExpression ParseProduct(ref Cursor cursor, SubjectRef own)
    {
        var left = ParseFactor(ref cursor, own);
        while (true)
        {
            var before = cursor;
            cursor.SkipSpace();
            if (cursor.Current is not ('*' or '/'))
            {
                cursor = before;
                return left;
            }

            var op = cursor.Current;
            var at = cursor.Position;
            cursor.Advance(1);
            left = Combine(op, left, ParseFactor(ref cursor, own), at);
        }
    }

    private static ValueExpression Combine(char op, ValueExpression left, ValueExpression right, int at)
    {
        foreach (var side in new[] { left, right })
        {
            if (side is ValueExpression.Constant { Literal: { Kind: LiteralKind.Value, Value: { Kind: not (ValueKind.Number or ValueKind.Duration or ValueKind.Size) } value } literal })
            {
                throw new AssertionSyntaxException($"arithmetic takes numbers, durations and sizes; `{literal.Text}` is a {AssertionValue.KindName(value.Kind)}", literal.Column);
            }
        }

        if (left is ValueExpression.Constant { Literal.Value: { } a } && right is ValueExpression.Constant { Literal.Value: { } b } &&
            Arithmetic.ResultKind(op, a.Kind, b.Kind, out var error) is null)
        {
            throw new AssertionSyntaxException(error!, at);
        }

        return new ValueExpression.Binary(op, left, right, at);
    }

    private static ValueExpression ParseFactor(ref Cursor cursor, SubjectRef own)
    {
        cursor.SkipSpace();
        var start = cursor.Position;
        if (cursor.AtEnd)
        {
            throw new AssertionSyntaxException("expected a value after the operator, such as 500ms, 0.95 or baseline(value)", start);
        }

        if (cursor.Current == '(')
        {
            cursor.Advance(1);
            var inner = ParseSum(ref cursor, own);
            cursor.SkipSpace();
            if (cursor.Current != ')')
            {
                throw new AssertionSyntaxException("expected `)` to close `(`", cursor.AtEnd ? start : cursor.Position);
            }

            cursor.Advance(1);
            return inner;
        }

        var identifier = cursor.PeekIdentifier();
        if (identifier.Length > 0 && cursor.PeekAt(identifier.Length) == '(')
        {
            if (identifier != "baseline")
            {
                throw new AssertionSyntaxException($"unknown function `{identifier}` in a value: only baseline(SUBJECT) is allowed here", start);
            }

            cursor.Advance(identifier.Length + 1);
            cursor.SkipSpace();
            var subject = cursor.Current == ')' ? own : ParseSubject(ref cursor);
            cursor.SkipSpace();
            if (cursor.Current != ')')
            {
                throw new AssertionSyntaxException("expected `)` to close `baseline(`", cursor.AtEnd ? start : cursor.Position);
            }

            cursor.Advance(1);
            return new ValueExpression.Baseline(subject, start);
        }

        return new ValueExpression.Constant(ParseValue(ref cursor, allowList: false));
    }

    private static string ScanSubjectText(ref Cursor cursor)
    {
        var start = cursor.Position;
        var depth = 0;
        char quote = '\0';
        while (!cursor.AtEnd)
        {
            var c = cursor.Current;
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    cursor.Advance(1);
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c is '[' or '(')
            {
                depth++;
            }
            else if (c is ']' or ')')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (depth == 0 && (char.IsWhiteSpace(c) || IsOperatorStart(cursor)))
            {
                break;
            }

            cursor.Advance(1);
        }

        if (quote != '\0' || depth != 0)
        {
            throw new AssertionSyntaxException(quote != '\0' ? "unterminated quote in the subject" : "unbalanced brackets in the subject", start);
        }

        return cursor.Slice(start);
    }

    private static bool IsOperatorStart(Cursor cursor) =>
        cursor.Current is '=' or '<' or '>' || (cursor.Current == '!' && cursor.PeekAt(1) == '=');

    private static AssertionOperator ParseOperator(ref Cursor cursor)
    {
        var start = cursor.Position;
        foreach (var (symbol, op) in new[]
        {
            ("==", AssertionOperator.Equal), ("!=", AssertionOperator.NotEqual), ("<=", AssertionOperator.LessOrEqual),
            (">=", AssertionOperator.GreaterOrEqual), ("<", AssertionOperator.Less), (">", AssertionOperator.Greater),
        })
        {
            if (cursor.StartsWith(symbol))
            {
                cursor.Advance(symbol.Length);
                return op;
            }
        }

        if (cursor.Current == '=')
        {
            throw new AssertionSyntaxException("`=` is not an operator: write `==`", start);
        }

        var word = cursor.ReadWord();
        switch (word)
        {
            case "contains": return AssertionOperator.Contains;
            case "matches": return AssertionOperator.Matches;
            case "exists": return AssertionOperator.Exists;
            case "in": return AssertionOperator.In;
            case "not":
                {
                    cursor.SkipSpace();
                    var next = cursor.ReadWord();
                    return next switch
                    {
                        "contains" => AssertionOperator.NotContains,
                        "matches" => AssertionOperator.NotMatches,
                        "exists" => AssertionOperator.NotExists,
                        "in" => AssertionOperator.NotIn,
                        _ => throw new AssertionSyntaxException($"expected `contains`, `matches`, `exists` or `in` after `not`, got `{next}`", start),
                    };
                }

            case "is":
                {
                    cursor.SkipSpace();
                    var next = cursor.ReadWord();
                    if (next == "empty")
                    {
                        return AssertionOperator.IsEmpty;
                    }

                    if (next == "not")
                    {
                        cursor.SkipSpace();
                        if (cursor.ReadWord() == "empty")
                        {
                            return AssertionOperator.IsNotEmpty;
                        }
                    }

                    throw new AssertionSyntaxException("expected `is empty` or `is not empty`", start);
                }

            default:
                throw new AssertionSyntaxException($"unknown operator `{(word.Length > 0 ? word : cursor.Rest)}`: expected {AssertionOperators.All}", start);
        }
    }

    private static Literal ParseRegexOrValue(ref Cursor cursor)
    {
        if (cursor.Current != '/')
        {
            var value = ParseValue(ref cursor, allowList: false);
            if (value.Kind == LiteralKind.Value && value.Value!.Kind == ValueKind.String)
            {
                return value with { Kind = LiteralKind.Regex, Regex = Compile(value.Value.Text, RegexOptions.None, value.Column) };
            }

            if (value.Kind == LiteralKind.Template)
            {
                return value;
            }

            throw new AssertionSyntaxException("`matches` takes a regular expression such as /^ok$/ or a quoted string", value.Column);
        }

        var start = cursor.Position;
        cursor.Advance(1);
        var pattern = new StringBuilder();
        while (true)
        {
            if (cursor.AtEnd)
            {
                throw new AssertionSyntaxException("unterminated regular expression: expected a closing `/`", start);
            }

            var c = cursor.Current;
            if (c == '\\' && cursor.PeekAt(1) == '/')
            {
                pattern.Append('/');
                cursor.Advance(2);
                continue;
            }

            if (c == '\\')
            {
                pattern.Append(c);
                pattern.Append(cursor.PeekAt(1));
                cursor.Advance(2);
                continue;
            }

            cursor.Advance(1);
            if (c == '/')
            {
                break;
            }

            pattern.Append(c);
        }

        var options = RegexOptions.None;
        while (!cursor.AtEnd && char.IsAsciiLetter(cursor.Current))
        {
            options |= cursor.Current switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                _ => throw new AssertionSyntaxException($"unknown regex flag `{cursor.Current}`: expected i, m, s or x", cursor.Position),
            };
            cursor.Advance(1);
        }

        return new Literal(LiteralKind.Regex, cursor.Slice(start), start) { Regex = Compile(pattern.ToString(), options, start) };
    }

    private static Regex Compile(string pattern, RegexOptions options, int column)
    {
        try
        {
            return UserRegex.Create(pattern, options);
        }
        catch (ArgumentException ex)
        {
            throw new AssertionSyntaxException($"invalid regular expression: {ex.Message}", column);
        }
    }

    private static Literal ParseValue(ref Cursor cursor, bool allowList)
    {
        var start = cursor.Position;
        var c = cursor.Current;
        if (c is '"' or '\'')
        {
            var text = ReadQuoted(ref cursor);
            return text.Contains("${", StringComparison.Ordinal)
                ? new Literal(LiteralKind.Template, text, start) { Quoted = true }
                : new Literal(LiteralKind.Value, cursor.Slice(start), start) { Value = AssertionValue.FromString(text) };
        }

        if (c == '$' && cursor.PeekAt(1) == '{')
        {
            var depth = 0;
            while (!cursor.AtEnd)
            {
                if (cursor.Current == '{')
                {
                    depth++;
                }
                else if (cursor.Current == '}' && --depth == 0)
                {
                    cursor.Advance(1);
                    return new Literal(LiteralKind.Template, cursor.Slice(start), start);
                }

                cursor.Advance(1);
            }

            throw new AssertionSyntaxException("unterminated `${`: expected `}`", start);
        }

        if (c == '[')
        {
            if (!allowList)
            {
                throw new AssertionSyntaxException("a list is not allowed here", start);
            }

            cursor.Advance(1);
            var items = new List<Literal>();
            cursor.SkipSpace();
            if (cursor.Current == ']')
            {
                cursor.Advance(1);
                return new Literal(LiteralKind.List, cursor.Slice(start), start) { Items = items };
            }

            while (true)
            {
                cursor.SkipSpace();
                if (cursor.AtEnd)
                {
                    throw new AssertionSyntaxException("unterminated list: expected `]`", start);
                }

                items.Add(ParseValue(ref cursor, allowList: false));
                cursor.SkipSpace();
                if (cursor.Current == ',')
                {
                    cursor.Advance(1);
                    continue;
                }

                if (cursor.Current == ']')
                {
                    cursor.Advance(1);
                    return new Literal(LiteralKind.List, cursor.Slice(start), start) { Items = items };
                }

                throw new AssertionSyntaxException(cursor.AtEnd ? "unterminated list: expected `]`" : $"expected `,` or `]` in the list, got `{cursor.Current}`", cursor.Position);
            }
        }

        if (char.IsAsciiDigit(c) || ((c == '-' || c == '+') && char.IsAsciiDigit(cursor.PeekAt(1))))
        {
            return ParseNumber(ref cursor);
        }

        var word = cursor.ReadWord();
        return word switch
        {
            "true" => new Literal(LiteralKind.Value, word, start) { Value = AssertionValue.True },
            "false" => new Literal(LiteralKind.Value, word, start) { Value = AssertionValue.False },
            "null" => new Literal(LiteralKind.Value, word, start) { Value = AssertionValue.Null },
            _ => throw new AssertionSyntaxException(
                $"expected a value: a number, \"quoted text\", true, false, null, a duration such as 500ms, a size such as 10MB or a list [a, b]; got `{(word.Length > 0 ? word : cursor.Rest)}`" + (word.Length > 0 ? $" (quote text: \"{word}\")" : ""),
                start),
        };
    }

    private static Literal ParseNumber(ref Cursor cursor)
    {
        var start = cursor.Position;
        if (cursor.Current is '-' or '+')
        {
            cursor.Advance(1);
        }

        while (!cursor.AtEnd && (char.IsAsciiDigit(cursor.Current) || cursor.Current is '.' or '_' or 'e' or 'E'))
        {
            if (cursor.Current is 'e' or 'E' && !(char.IsAsciiDigit(cursor.PeekAt(1)) || cursor.PeekAt(1) is '-' or '+'))
            {
                break;
            }

            cursor.Advance(cursor.Current is 'e' or 'E' && cursor.PeekAt(1) is '-' or '+' ? 2 : 1);
        }

        var numberText = cursor.Slice(start).Replace("_", "", StringComparison.Ordinal);
        if (!double.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            throw new AssertionSyntaxException($"`{numberText}` is not a number", start);
        }

        var unitStart = cursor.Position;
        while (!cursor.AtEnd && char.IsAsciiLetter(cursor.Current))
        {
            cursor.Advance(1);
        }

        var unit = cursor.Slice(unitStart);
        if (unit.Length == 0)
        {
            return new Literal(LiteralKind.Value, cursor.Slice(start), start) { Value = AssertionValue.FromNumber(number) };
        }

        if (Units.IsDurationUnit(unit))
        {
            return new Literal(LiteralKind.Value, cursor.Slice(start), start) { Value = AssertionValue.FromMilliseconds(number * Units.DurationFactor(unit)) };
        }

        if (Units.IsSizeUnit(unit))
        {
            return new Literal(LiteralKind.Value, cursor.Slice(start), start) { Value = AssertionValue.FromBytes(number * Units.SizeFactor(unit)) };
        }

        throw new AssertionSyntaxException($"`{cursor.Slice(start)}` is not a value: `{unit}` is not a unit (durations: us, ms, s, m, h, d; sizes: B, KB, MB, GB, KiB, MiB, GiB)", start);
    }

    private static string ReadQuoted(ref Cursor cursor)
    {
        var start = cursor.Position;
        var quote = cursor.Current;
        cursor.Advance(1);
        var sb = new StringBuilder();
        while (true)
        {
            if (cursor.AtEnd)
            {
                throw new AssertionSyntaxException($"unterminated string: expected a closing {quote}", start);
            }

            var c = cursor.Current;
            cursor.Advance(1);
            if (c == quote)
            {
                return sb.ToString();
            }

            if (c == '\\' && !cursor.AtEnd)
            {
                var e = cursor.Current;
                cursor.Advance(1);
                sb.Append(e switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    _ => e,
                });
                continue;
            }

            sb.Append(c);
        }
    }

    private struct Cursor(string text)
    {
        private readonly string _text = text;

        public int Position { get; private set; }

        public readonly bool AtEnd => Position >= _text.Length;

        public readonly char Current => AtEnd ? '\0' : _text[Position];

        public readonly string Rest => _text[Position..];

        public readonly char PeekAt(int offset) => Position + offset < _text.Length ? _text[Position + offset] : '\0';

        public readonly bool StartsWith(string s) => string.CompareOrdinal(_text, Position, s, 0, s.Length) == 0;

        public readonly string Slice(int start) => _text[start..Position];

        public void Advance(int n) => Position = Math.Min(_text.Length, Position + n);

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(Current))
            {
                Position++;
            }
        }

        public readonly string PeekIdentifier()
        {
            var i = Position;
            while (i < _text.Length && (char.IsAsciiLetterOrDigit(_text[i]) || _text[i] == '_'))
            {
                i++;
            }

            return _text[Position..i];
        }

        public string ReadWord()
        {
            var word = PeekIdentifier();
            Position += word.Length;
            return word;
        }
    }
}
