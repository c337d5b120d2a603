using System.Text;

namespace Greenlight.Spec;

/// <summary>
/// Docker Compose interpolation: <c>${X}</c>, <c>${X:-default}</c>, <c>${X-default}</c>,
/// <c>${X:?message}</c>, <c>${X?message}</c>, <c>${X:+alt}</c>, <c>${X+alt}</c> and <c>$$</c> for a
/// literal dollar. Unlike Compose, a bare <c>$X</c> is left alone so shell lines keep their own
/// variables. A name with a dot (<c>${login.token}</c>) is a value captured by another check.
/// </summary>
internal static class Interpolator
{
    public static string Expand(string text, Func<string, string?> lookup, List<InterpolationIssue>? issues = null)
    {
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '$' || i + 1 >= text.Length)
            {
                sb.Append(c);
                i++;
                continue;
            }

            var next = text[i + 1];
            if (next == '$')
            {
                sb.Append('$');
                i += 2;
                continue;
            }

            if (next != '{')
            {
                sb.Append(c);
                i++;
                continue;
            }

            var close = FindClose(text, i + 2);
            if (close < 0)
            {
                issues?.Add(new InterpolationIssue(true, "unterminated `${`: expected `}`", i));
                sb.Append(text, i, text.Length - i);
                break;
            }

            sb.Append(ExpandReference(text[(i + 2)..close], i, lookup, issues));
            i = close + 1;
        }

        return sb.ToString();
    }

    /// <summary>Names of the form <c>check.id.capture</c>: the part before the last dot is a check id.</summary>
    public static IEnumerable<(string Name, int Offset)> References(string text)
    {
        var i = 0;
        while ((i = text.IndexOf("${", i, StringComparison.Ordinal)) >= 0)
        {
            if (i > 0 && text[i - 1] == '$')
            {
                i += 2;
                continue;
            }

            var close = FindClose(text, i + 2);
            if (close < 0)
            {
                yield break;
            }

            var inner = text[(i + 2)..close];
            var nameLength = NameLength(inner);
            yield return (inner[..nameLength], i);
            i = close + 1;
        }
    }

    public static bool IsValidName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') &&
        name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '.' or '-') && !name.EndsWith('.');

    private static string ExpandReference(string inner, int offset, Func<string, string?> lookup, List<InterpolationIssue>? issues)
    {
        var nameLength = NameLength(inner);
        var name = inner[..nameLength];
        var modifier = inner[nameLength..];
        if (!IsValidName(name))
        {
            issues?.Add(new InterpolationIssue(true, $"invalid variable reference `${{{inner}}}`: expected ${{NAME}}, ${{NAME:-default}} or ${{NAME:?message}}", offset));
            return "";
        }

        var value = lookup(name);
        if (modifier.Length == 0)
        {
            if (value is null)
            {
                issues?.Add(new InterpolationIssue(false, $"{name} is not set; using an empty string (write ${{{name}:?message}} to make it required)", offset));
            }

            return value ?? "";
        }

        var colon = modifier[0] == ':';
        var op = colon ? (modifier.Length > 1 ? modifier[1] : '\0') : modifier[0];
        var argument = modifier[(colon ? 2 : 1)..];
        var unset = value is null || (colon && value.Length == 0);
        switch (op)
        {
            case '-':
                return unset ? Expand(argument, lookup, issues) : value!;
            case '?':
                if (unset)
                {
                    var message = Expand(argument, lookup, issues);
                    issues?.Add(new InterpolationIssue(true, $"required variable {name} is missing a value{(message.Length > 0 ? ": " + message : "")}", offset));
                    return "";
                }

                return value!;
            case '+':
                return unset ? "" : Expand(argument, lookup, issues);
            default:
                issues?.Add(new InterpolationIssue(true, $"invalid modifier `{modifier}` in `${{{inner}}}`: expected :-, -, :?, ?, :+ or +", offset));
                return "";
        }
    }

    private static int NameLength(string inner)
    {
        var n = 0;
        while (n < inner.Length && (char.IsAsciiLetterOrDigit(inner[n]) || inner[n] is '_' or '.' or '-'))
        {
            // A '-' right after the name is the ${X-default} modifier, not part of the name.
            if (inner[n] == '-' && (n == 0 || !inner[..n].Contains('.', StringComparison.Ordinal)))
            {
                break;
            }

            n++;
        }

        return n;
    }

    private static int FindClose(string text, int start)
    {
        var depth = 1;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '{' && i > 0 && text[i - 1] == '$')
            {
                depth++;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
