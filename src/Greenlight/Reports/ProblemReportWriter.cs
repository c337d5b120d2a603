using System.Text.Encodings.Web;
using System.Text.Json;
using Greenlight.Secrets;
using Greenlight.Spec;

namespace Greenlight.Reports;

/// <summary>
/// The JSON answer when a command could not run (<c>greenlight.problem/v1</c>): a bad spec with
/// every error's file, line and column, a wrong option, an unusable store. CI jobs and agents read
/// it instead of scraping the console. Also the JSON answer of <c>validate</c> for a valid spec.
/// </summary>
internal static class ProblemReportWriter
{
    public const string SchemaName = "greenlight.problem/v1";
    public const string ValidSchemaName = "greenlight.validate/v1";

    /// <summary><paramref name="problem"/> is <c>spec</c>, <c>usage</c> or <c>store</c>.</summary>
    public static async Task WriteAsync(Stream output, string problem, string message, IReadOnlyList<SpecError> errors, IReadOnlyList<SpecError> warnings, Redactor redactor, CancellationToken cancellationToken)
    {
        await using var json = Open(output);
        json.WriteStartObject();
        json.WriteString("schema", SchemaName);
        json.WriteString("problem", problem);
        json.WriteString("message", redactor.Redact(message));
        WriteErrors(json, "errors", errors, redactor);
        WriteErrors(json, "warnings", warnings, redactor);
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    public static async Task WriteValidAsync(Stream output, SpecDocument spec, Redactor redactor, CancellationToken cancellationToken)
    {
        await using var json = Open(output);
        json.WriteStartObject();
        json.WriteString("schema", ValidSchemaName);
        json.WriteBoolean("valid", true);
        json.WriteString("spec", spec.Name);
        json.WriteString("file", spec.Path);
        json.WriteNumber("checks", spec.Checks.Count);
        json.WriteStartObject("kinds");
        foreach (var kind in spec.Checks.GroupBy(c => c.Kind.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(kind.Key, kind.Count());
        }

        json.WriteEndObject();
        WriteErrors(json, "warnings", spec.Warnings, redactor);
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    private static Utf8JsonWriter Open(Stream output) =>
        new(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static void WriteErrors(Utf8JsonWriter json, string name, IReadOnlyList<SpecError> errors, Redactor redactor)
    {
        json.WriteStartArray(name);
        foreach (var error in errors)
        {
            json.WriteStartObject();
            json.WriteString("file", error.Location.File);
            json.WriteNumber("line", error.Location.Line);
            json.WriteNumber("column", error.Location.Column);
            json.WriteString("message", redactor.Redact(error.Message));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
