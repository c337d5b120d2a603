using System.Text.Encodings.Web;
using System.Text.Json;
using Greenlight.Engine;
using Greenlight.Spec;

namespace Greenlight.Catalog;

/// <summary>
/// The checks a spec declares, as an agent or editor needs them before running anything
/// (<c>greenlight.checks/v1</c>): id, kind, phase, severity, what each needs, where it is written,
/// and why it cannot run when a target is unavailable.
/// </summary>
internal static class CheckCatalog
{
    public const string SchemaName = "greenlight.checks/v1";

    public static async Task WriteJsonAsync(SpecDocument spec, Phase? phase, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var redact = spec.Redactor;
        json.WriteStartObject();
        json.WriteString("schema", SchemaName);
        json.WriteString("spec", redact.Redact(spec.Name));
        json.WriteString("file", spec.Path);
        json.WriteString("spec_hash", spec.Hash);
        var checks = spec.Checks.Where(c => phase is null || c.Phase == phase).ToList();
        json.WriteNumber("count", checks.Count);
        json.WriteStartArray("checks");
        foreach (var check in checks)
        {
            json.WriteStartObject();
            json.WriteString("id", check.Id);
            if (check.Title is not null)
            {
                json.WriteString("title", redact.Redact(check.Title));
            }

            json.WriteString("kind", check.Kind.Name);
            json.WriteString("phase", check.Phase.Code());
            json.WriteString("severity", check.Severity.Code());
            if (check.Area is not null)
            {
                json.WriteString("area", check.Area);
            }

            json.WriteStartArray("needs");
            foreach (var need in check.Needs)
            {
                json.WriteStringValue(need);
            }

            json.WriteEndArray();
            json.WriteNumber("timeout_ms", (long)check.Timeout.TotalMilliseconds);
            json.WriteNumber("max_attempts", check.Retry.Attempts);
            json.WriteNumber("assertions", check.Expect.Count);
            json.WriteNumber("line", check.Location.Line);
            json.WriteNumber("column", check.Location.Column);
            if (check.Source is not null)
            {
                json.WriteString("source", check.Source);
            }

            if (check.Fix is not null)
            {
                json.WriteString("fix", redact.Redact(check.Fix));
            }

            // A check whose target could not be resolved at load: it will end as an error, not run.
            if (check.Unavailable is not null)
            {
                json.WriteString("unavailable", redact.Redact(check.Unavailable));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }
}
