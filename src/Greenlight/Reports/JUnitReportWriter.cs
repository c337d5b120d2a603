using System.Globalization;
using System.Text;
using System.Xml;
using Greenlight.Engine;

namespace Greenlight.Reports;

/// <summary>JUnit XML, one testcase per check, as CI systems (GitHub, GitLab, Jenkins) read it.</summary>
internal sealed class JUnitReportWriter : IReportWriter
{
    public string Format => "junit";

    public string FileExtension => ".xml";

    public async Task WriteAsync(RunReport report, Stream output, CancellationToken cancellationToken)
    {
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) };
        await using var xml = XmlWriter.Create(output, settings);
        var counts = report.Counts;
        var seconds = Seconds(report.DurationMs);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "testsuites", null);
        await xml.WriteAttributeStringAsync(null, "name", null, $"greenlight: {report.Spec}");
        await xml.WriteAttributeStringAsync(null, "tests", null, Int(counts.Total));
        await xml.WriteAttributeStringAsync(null, "failures", null, Int(counts.Fail));
        await xml.WriteAttributeStringAsync(null, "errors", null, Int(counts.Error));
        await xml.WriteAttributeStringAsync(null, "skipped", null, Int(counts.Skipped + counts.Pending + counts.Waived));
        await xml.WriteAttributeStringAsync(null, "time", null, seconds);

        await xml.WriteStartElementAsync(null, "testsuite", null);
        await xml.WriteAttributeStringAsync(null, "name", null, report.Environment is null ? $"{report.Spec} ({report.Phase})" : $"{report.Spec} ({report.Phase}, {report.Environment})");
        await xml.WriteAttributeStringAsync(null, "tests", null, Int(counts.Total));
        await xml.WriteAttributeStringAsync(null, "failures", null, Int(counts.Fail));
        await xml.WriteAttributeStringAsync(null, "errors", null, Int(counts.Error));
        await xml.WriteAttributeStringAsync(null, "skipped", null, Int(counts.Skipped + counts.Pending + counts.Waived));
        await xml.WriteAttributeStringAsync(null, "time", null, seconds);
        await xml.WriteAttributeStringAsync(null, "timestamp", null, JsonReportWriter.Timestamp(report.StartedAt));

        await xml.WriteStartElementAsync(null, "properties", null);
        foreach (var (name, value) in new[] { ("verdict", VerdictRules.Code(report.Verdict)), ("run_id", report.RunId), ("spec_hash", report.SpecHash), ("environment", report.Environment) })
        {
            if (value is null)
            {
                continue;
            }

            await xml.WriteStartElementAsync(null, "property", null);
            await xml.WriteAttributeStringAsync(null, "name", null, name);
            await xml.WriteAttributeStringAsync(null, "value", null, value);
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();

        foreach (var result in report.Results)
        {
            await xml.WriteStartElementAsync(null, "testcase", null);
            await xml.WriteAttributeStringAsync(null, "classname", null, $"{report.Spec}.{result.Area ?? result.Kind}");
            await xml.WriteAttributeStringAsync(null, "name", null, result.Title is null ? result.Id : $"{result.Id}: {result.Title}");
            await xml.WriteAttributeStringAsync(null, "time", null, Seconds(result.DurationMs));
            // GitLab links a test case to its file (relative to the repository): the spec it is written in.
            await xml.WriteAttributeStringAsync(null, "file", null, CheckPlaces.RepositoryPath(report.SpecPath, null));
            var element = result.IsWaived ? "skipped" : result.Outcome switch
            {
                CheckOutcome.Fail => "failure",
                CheckOutcome.Error => "error",
                CheckOutcome.Skipped or CheckOutcome.Pending => "skipped",
                _ => null,
            };
            if (element is not null)
            {
                await xml.WriteStartElementAsync(null, element, null);
                await xml.WriteAttributeStringAsync(null, "message", null, Clean(result.IsWaived ? $"{VerdictRules.Describe(result.Outcome)}, {result.Waiver!.Describe()}" : result.Message ?? VerdictRules.Describe(result.Outcome)));
                if (element != "skipped")
                {
                    await xml.WriteAttributeStringAsync(null, "type", null, $"{result.Kind}.{result.Severity.Code()}");
                    await xml.WriteStringAsync(Clean(Details(result)));
                }

                await xml.WriteEndElementAsync();
            }

            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    private static string Details(CheckResult result)
    {
        var sb = new StringBuilder();
        foreach (var a in result.Assertions.Where(a => !a.Passed))
        {
            sb.AppendLine($"{a.Expression}: {a.Note ?? "actual " + a.Actual}");
        }

        if (result.Fix is not null)
        {
            sb.AppendLine($"Fix: {result.Fix}");
        }

        foreach (var item in result.Evidence)
        {
            sb.AppendLine($"--- {item.Name}");
            sb.AppendLine(item.Content.Length > 4000 ? item.Content[..4000] + "…" : item.Content);
        }

        return sb.ToString();
    }

    /// <summary>XML 1.0 cannot carry most control characters; a binary body must not break the report.</summary>
    private static string Clean(string text) => new([.. text.Where(c => c is '\t' or '\n' or '\r' || (c >= ' ' && XmlConvert.IsXmlChar(c)))]);

    private static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(long ms) => (ms / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
}
