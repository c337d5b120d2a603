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
    /// <summary>
    /// Expands every reference in <paramref name="text"/>. Linear in the text: nesting deeper than
    /// <see cref="YamlLimits.MaxInterpolationDepth"/> and results longer than <paramref name="maxLength"/>
    /// stop with an error issue instead of costing time and memory without bound.
    /// </summary>
    public static string Expand(string text, Func<string, string?> lookup, List<InterpolationIssue>? issues = null, int maxLength = int.MaxValue)
    {
        var result = Expand(text, 0, text.Length, 0, lookup, issues, maxLength, 0);
        if (result is null)
        {
            issues?.Add(new InterpolationIssue(true, $"expands to more than {maxLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters; a value this long is a mistake (variables that repeat each other?)", 0));
        }

        return result ?? "";
    }

    /// <summary>Expands <c>text[start..end)</c>; null once the result would pass <paramref name="maxLength"/>.</summary>
    private static string? Expand(string text, int start, int end, int baseOffset, Func<string, string?> lookup, List<InterpolationIssue>? issues, int maxLength, int depth)
    {
        if (text.IndexOf('$', start, end - start) < 0)
        {
            return Fits(text.Length == end - start ? text : text[start..end]);
        }

        var sb = new StringBuilder(Math.Min(end - start, maxLength));
        var i = start;
        while (i < end)
        {
            var dollar = text.IndexOf('$', i, end - i);
            if (dollar < 0 || dollar + 1 >= end)
            {
                sb.Append(text, i, end - i);
                break;
            }

            sb.Append(text, i, dollar - i);
            i = dollar;
            var next = text[i + 1];
            if (next == '$')
            {
                sb.Append('$');
                i += 2;
                continue;
            }

            if (next != '{')
            {
                sb.Append('$');
                i++;
                continue;
            }

            var close = FindClose(text, i + 2, end);
            if (close < 0)
            {
                issues?.Add(new InterpolationIssue(true, "unterminated `${`: expected `}`", baseOffset + i - start));
                sb.Append(text, i, end - i);
                break;
            }

            var value = ExpandReference(text, i + 2, close, baseOffset + i - start, lookup, issues, maxLength, depth);
            if (value is null)
            {
                return null;
            }

            sb.Append(value);
            if (sb.Length > maxLength)
            {
                break;
            }

            i = close + 1;
        }

        return Fits(sb.ToString());

        string? Fits(string result) => result.Length <= maxLength ? result : null;
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

            var close = FindClose(text, i + 2, text.Length);
            if (close < 0)
            {
                yield break;
            }

            var nameLength = NameLength(text, i + 2, close);
            yield return (text.Substring(i + 2, nameLength), i);
            i = close + 1;
        }
    }

    public static bool IsValidName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') &&
        name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '.' or '-') && !name.EndsWith('.');

    /// <summary>The reference <c>text[start..close)</c> (between <c>${</c> and <c>}</c>), or null when the result grew too long.</summary>
    private static string? ExpandReference(string text, int start, int close, int offset, Func<string, string?> lookup, List<InterpolationIssue>? issues, int maxLength, int depth)
    {
        var nameLength = NameLength(text, start, close);
        var name = text.Substring(start, nameLength);
        var modifierStart = start + nameLength;
        if (!IsValidName(name))
        {
            issues?.Add(new InterpolationIssue(true, $"invalid variable reference `${{{Shorten(text, start, close)}}}`: expected ${{NAME}}, ${{NAME:-default}} or ${{NAME:?message}}", offset));
            return "";
        }

        var value = lookup(name);
        if (modifierStart == close)
        {
            if (value is null)
            {
                issues?.Add(new InterpolationIssue(false, $"{name} is not set; using an empty string (write ${{{name}:?message}} to make it required)", offset, name));
            }

            return value ?? "";
        }

        var colon = text[modifierStart] == ':';
        var op = colon ? (modifierStart + 1 < close ? text[modifierStart + 1] : '\0') : text[modifierStart];
        var argumentStart = Math.Min(modifierStart + (colon ? 2 : 1), close);
        var unset = value is null || (colon && value.Length == 0);
        if ((op is '-' or '?' or '+') && depth + 1 >= YamlLimits.MaxInterpolationDepth && argumentStart < close && text.IndexOf("${", argumentStart, close - argumentStart, StringComparison.Ordinal) >= 0)
        {
            issues?.Add(new InterpolationIssue(true, $"`${{…}}` nested more than {YamlLimits.MaxInterpolationDepth} levels deep inside each other", offset));
            return "";
        }

        string? Argument() => Expand(text, argumentStart, close, offset + argumentStart - start + 2, lookup, issues, maxLength, depth + 1);

        switch (op)
        {
            case '-':
                if (unset)
                {
                    return Argument();
                }

                return value!;
            case '?':
                if (unset)
                {
                    var message = Argument() ?? "";
                    issues?.Add(new InterpolationIssue(true, $"required variable {name} is missing a value{(message.Length > 0 ? ": " + message : "")}", offset, name));
                    return "";
                }

                return value!;
            case '+':
                return unset ? "" : Argument();
            default:
                issues?.Add(new InterpolationIssue(true, $"invalid modifier `{Shorten(text, modifierStart, close)}` in `${{{Shorten(text, start, close)}}}`: expected :-, -, :?, ?, :+ or +", offset));
                return "";
        }
    }

    /// <summary>A reference as quoted in an error: whole when short, cut when long.</summary>
    private static string Shorten(string text, int start, int end) =>
        end - start <= 80 ? text[start..end] : text.Substring(start, 77) + "…";

    private static int NameLength(string text, int start, int end)
    {
        var n = start;
        var sawDot = false;
        while (n < end && (char.IsAsciiLetterOrDigit(text[n]) || text[n] is '_' or '.' or '-'))
        {
            // A '-' right after the name is the ${X-default} modifier, not part of the name.
            if (text[n] == '-' && !sawDot)
            {
                break;
            }

            sawDot |= text[n] == '.';
            n++;
        }

        return n - start;
    }

    private static int FindClose(string text, int start, int end)
    {
        var depth = 1;
        for (var i = start; i < end; i++)
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
