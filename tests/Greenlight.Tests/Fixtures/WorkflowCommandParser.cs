namespace Greenlight.Tests.Fixtures;

/// <summary>
/// Reads a line of step output as the Actions runner does (ActionCommand.TryParseV2, the rules the
/// toolkit's command.ts writes for): trim leading space; <c>::</c>, the command name, properties
/// after a space split on <c>,</c> and each on its first <c>=</c>, then <c>::</c> and the message;
/// %-escapes undone with <c>%25</c> last.
/// </summary>
public static class WorkflowCommandParser
{
    public sealed record Parsed(string Name, IReadOnlyDictionary<string, string> Properties, string Message);

    private static readonly HashSet<string> Commands = ["error", "warning", "notice", "debug", "group", "endgroup", "add-mask"];

    public static Parsed? Parse(string line)
    {
        var message = line.TrimStart();
        if (!message.StartsWith("::", StringComparison.Ordinal))
        {
            return null;
        }

        var end = message.IndexOf("::", 2, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var info = message[2..end];
        var space = info.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? info : info[..space];
        if (!Commands.Contains(name))
        {
            return null;
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (space > 0)
        {
            foreach (var property in info[(space + 1)..].Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var pair = property.Split('=', 2, StringSplitOptions.RemoveEmptyEntries);
                if (pair.Length == 2)
                {
                    properties[pair[0]] = UnescapeProperty(pair[1]);
                }
            }
        }

        return new Parsed(name, properties, UnescapeData(message[(end + 2)..]));
    }

    private static string UnescapeData(string text) =>
        text.Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);

    private static string UnescapeProperty(string text) =>
        text.Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal)
            .Replace("%3A", ":", StringComparison.Ordinal).Replace("%2C", ",", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);
}
