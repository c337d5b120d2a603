using System.Text.Encodings.Web;
using System.Text.Json;
using Greenlight.Checks;
using Greenlight.Engine;

namespace Greenlight.Reports;

/// <summary>
/// One check of a recorded run (<c>greenlight.check/v1</c>): the result object of the report contract,
/// with each evidence item cut to a size the reader asks for (its full length is kept beside it).
/// </summary>
internal static class CheckReportWriter
{
    public const string SchemaName = "greenlight.check/v1";

    public static async Task WriteAsync(RunReport run, CheckResult result, int evidenceLimit, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("schema", SchemaName);
        json.WriteString("run_id", run.RunId);
        json.WriteString("spec", run.Spec);
        json.WriteNumber("evidence_limit", evidenceLimit);
        json.WritePropertyName("result");
        JsonReportWriter.WriteResult(json, Cut(result, evidenceLimit));
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    /// <summary>Each evidence item to at most <paramref name="limit"/> characters; the full length is what was first measured.</summary>
    public static CheckResult Cut(CheckResult result, int limit) => result with
    {
        Evidence = [.. result.Evidence.Select(e => e.Content.Length <= limit ? e
            : new EvidenceItem(e.Name, e.Content[..limit], e.FullLength ?? e.Content.Length))],
    };
}
