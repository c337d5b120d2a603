namespace Greenlight.Reports;

/// <summary>The report formats, by name.</summary>
internal static class ReportWriters
{
    public static IReadOnlyList<IReportWriter> All { get; } = [new JsonReportWriter(), new MarkdownReportWriter(), new JUnitReportWriter(), new Html.HtmlReportWriter()];

    public static IReportWriter? Find(string format) => All.FirstOrDefault(w => string.Equals(w.Format, format, StringComparison.OrdinalIgnoreCase));

    public static IEnumerable<string> Formats => All.Select(w => w.Format);
}
