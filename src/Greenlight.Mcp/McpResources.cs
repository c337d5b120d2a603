using Greenlight.Checks;
using Greenlight.Mcp.Tools;
using Greenlight.Reports;
using Greenlight.Spec;
using Greenlight.Store;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Greenlight.Mcp;

/// <summary>The server's resources: the spec, the last recorded report, and the spec's JSON Schema.</summary>
internal static class McpResources
{
    public const string SpecUri = "greenlight://spec";
    public const string LastReportUri = "greenlight://report/last";
    public const string SpecSchemaUri = "greenlight://spec-schema";

    public static IEnumerable<Resource> List(McpSettings settings)
    {
        yield return new Resource { Uri = SpecUri, Name = "spec", Title = $"The spec ({Path.GetFileName(settings.SpecPath)})", MimeType = "application/yaml", Description = "The greenlight.yaml this server runs, secrets masked." };
        yield return new Resource { Uri = LastReportUri, Name = "last-report", Title = "The last recorded report", MimeType = "application/json", Description = "The greenlight.report/v1 of the most recent recorded run." };
        yield return new Resource { Uri = SpecSchemaUri, Name = "spec-schema", Title = "JSON Schema of the spec", MimeType = "application/schema+json", Description = "What greenlight spec-schema prints: every field and check kind of greenlight.yaml." };
    }

    public static async ValueTask<ReadResourceResult> ReadAsync(McpSettings settings, string uri, CancellationToken cancellationToken)
    {
        var options = new SpecLoadOptions { CliVariables = settings.Vars, EnvFile = settings.EnvFile };
        var mask = SecretMask.For(settings.SpecPath, options);
        string text, mime;
        switch (uri)
        {
            case SpecUri:
                if (!File.Exists(settings.SpecPath))
                {
                    throw new McpProtocolException($"the spec {settings.SpecPath} does not exist", McpErrorCode.ResourceNotFound);
                }

                text = await File.ReadAllTextAsync(settings.SpecPath, cancellationToken);
                mime = "application/yaml";
                break;
            case LastReportUri:
                try
                {
                    var call = new ToolCall("resources/read", new Dictionary<string, System.Text.Json.JsonElement>(), settings, null);
                    var store = await ToolJson.OpenStoreForReadingAsync(call, cancellationToken);
                    var (report, _, _) = await store.LoadAsync(await store.ResolveAsync("last", cancellationToken), cancellationToken);
                    var writer = new JsonReportWriter();
                    text = await ToolJson.WriteAsync(s => writer.WriteAsync(report, s, cancellationToken));
                }
                catch (StoreException ex)
                {
                    throw new McpProtocolException(mask.Redact(ex.Message), McpErrorCode.ResourceNotFound);
                }

                mime = "application/json";
                break;
            case SpecSchemaUri:
                text = Greenlight.Text.JsonText.Indented(SpecJsonSchema.Build(CheckKindRegistry.Default)) + "\n";
                mime = "application/schema+json";
                break;
            default:
                throw new McpProtocolException($"no resource `{uri}` (resources: {SpecUri}, {LastReportUri}, {SpecSchemaUri})", McpErrorCode.ResourceNotFound);
        }

        return new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri, MimeType = mime, Text = mask.Redact(text) }] };
    }
}
