using System.Text;
using System.Text.RegularExpressions;

namespace Greenlight.Import;

/// <summary>
/// Splits a shell block into commands: backslash continuations joined, <c>&lt;&lt; TAG</c> heredocs
/// kept with their command, comments above a command taken as its title and comments below it as
/// what the document expects of it. Words are split with shell quoting; nothing is executed.
/// </summary>
internal static partial class ShellReader
{
    public static List<ShellCommand> Read(string code, int firstLine)
    {
        var lines = code.Split('\n');
        var commands = new List<ShellCommand>();
        var pendingTitle = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].TrimEnd();
            var trimmed = raw.Trim();
            if (trimmed.Length == 0)
            {
                pendingTitle.Clear();
                continue;
            }

            if (trimmed.StartsWith('#'))
            {
                var comment = trimmed.TrimStart('#').Trim();
                if (commands.Count > 0 && pendingTitle.Count == 0 && ExpectationComment().IsMatch(comment) && commands[^1].Line + 40 > firstLine + i)
                {
                    var last = commands[^1];
                    commands[^1] = last with { After = [.. last.After, comment] };
                }
                else
                {
                    pendingTitle.Add(comment);
                }

                continue;
            }

            var start = i;
            var text = new StringBuilder(StripTrailingComment(trimmed, out var inlineComment));
            while (i + 1 < lines.Length && ((text.Length > 0 && text[^1] == '\\') || OpenQuote(text.ToString())))
            {
                // A backslash continues the line; an unclosed quote (a multi-line commit message) does too.
                var quoted = OpenQuote(text.ToString());
                if (!quoted)
                {
                    text.Length--;
                }

                i++;
                string? more = null;
                text.Append(quoted ? "\n" : " ").Append(quoted ? lines[i] : StripTrailingComment(lines[i].Trim(), out more));
                inlineComment ??= more;
            }

            string? heredoc = null;
            var heredocMatch = HeredocStart().Match(text.ToString());
            if (heredocMatch.Success)
            {
                var tag = heredocMatch.Groups["tag"].Value;
                var body = new List<string>();
                while (++i < lines.Length && lines[i].Trim() != tag)
                {
                    body.Add(lines[i]);
                }

                heredoc = string.Join("\n", body);
            }

            var line = text.ToString().Trim();
            var title = pendingTitle.Count > 0 ? Numbering().Replace(string.Join(" ", pendingTitle), "") : null;
            pendingTitle.Clear();
            var after = inlineComment is not null && ExpectationComment().IsMatch(inlineComment) ? new List<string> { inlineComment } : [];
            commands.Add(new ShellCommand(firstLine + start, line, Words(line), heredoc, title, after));
        }

        return commands;
    }

    /// <summary>Shell words with single quotes, double quotes and backslashes handled; stops at a pipe, <c>||</c>, <c>&amp;&amp;</c> or <c>;</c>.</summary>
    public static List<string> Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'' )
            {
                var end = line.IndexOf('\'', i + 1);
                end = end < 0 ? line.Length : end;
                word.Append(line, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (c == '"')
            {
                i++;
                while (i < line.Length && line[i] != '"')
                {
                    if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`')
                    {
                        i++;
                    }

                    word.Append(line[i]);
                    i++;
                }

                inWord = true;
            }
            else if (c == '$' && i + 1 < line.Length && line[i + 1] == '(')
            {
                // $(command) stays one piece of the word it is in.
                var depth = 0;
                var start = i;
                for (; i < line.Length; i++)
                {
                    depth += line[i] == '(' ? 1 : line[i] == ')' ? -1 : 0;
                    if (depth == 0 && line[i] == ')')
                    {
                        break;
                    }
                }

                word.Append(line, start, Math.Min(i + 1, line.Length) - start);
                inWord = true;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else if (c is '|' or ';' or '&')
            {
                break;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        // Leading VAR=value assignments are the command's environment, not its program.
        return words;
    }

    private static bool OpenQuote(string text)
    {
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote == '\0' && c == '\\')
            {
                i++;
            }
            else if (quote == '\0' && c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == quote && !(quote == '"' && i > 0 && text[i - 1] == '\\'))
            {
                quote = '\0';
            }
        }

        return quote != '\0';
    }

    private static string StripTrailingComment(string line, out string? comment)
    {
        comment = null;
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#' && i > 0 && char.IsWhiteSpace(line[i - 1]))
            {
                comment = line[(i + 1)..].Trim();
                return line[..i].TrimEnd();
            }
        }

        return line;
    }

    [GeneratedRegex(@"^\s*(\d+[.)]|[-*])\s+")]
    private static partial Regex Numbering();

    [GeneratedRegex(@"^(expected|expect|should|must|returns?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExpectationComment();

    [GeneratedRegex(@"<<-?\s*['""]?(?<tag>[A-Za-z_][A-Za-z0-9_]*)['""]?")]
    private static partial Regex HeredocStart();
}
