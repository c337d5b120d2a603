using System.Text;

namespace Greenlight.Reports;

/// <summary>
/// One GitHub Actions workflow command (<c>::error file=…,line=…::message</c>), escaped as the
/// Actions toolkit's <c>command.ts</c> does: the message escapes <c>%</c>, CR and LF; a property
/// value also <c>:</c> and <c>,</c>, so neither can end it early.
/// </summary>
internal sealed record WorkflowCommand(string Name, IReadOnlyList<(string Key, string Value)> Properties, string Message)
{
    public override string ToString()
    {
        var sb = new StringBuilder("::").Append(Name);
        for (var i = 0; i < Properties.Count; i++)
        {
            sb.Append(i == 0 ? ' ' : ',').Append(Properties[i].Key).Append('=').Append(EscapeProperty(Properties[i].Value));
        }

        return sb.Append("::").Append(EscapeData(Message)).ToString();
    }

    public static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
