using System.Reflection;
using System.Text.Json;
using Greenlight.Mcp.Tools;
using Greenlight.Secrets;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Greenlight.Mcp;

/// <summary>
/// <c>greenlight mcp</c>: a Model Context Protocol server over a pair of streams (stdin/stdout in
/// practice). Tools, resources and the prompt are declared by hand with low-level handlers, not
/// discovered by reflection, so the trimmed single-file build keeps them. Every answer is masked.
/// </summary>
internal static class GreenlightMcpServer
{
    public static async Task RunAsync(McpSettings settings, Stream input, Stream output, CancellationToken cancellationToken)
    {
        var tools = ToolSet.For(settings).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "greenlight", Title = "Greenlight release gate", Version = Version },
            ServerInstructions = "Greenlight runs a release's checks and answers GO, GO WITH WARNINGS or NO-GO with evidence. "
                + "Never declare a release ready without it: validate_spec, then run_checks with phase pre before deploying and phase post after, "
                + "read explain_failure for anything not verified, and report the verdict with its evidence. The prompt verify_release walks through it.",
            Capabilities = new ServerCapabilities
            {
                Tools = new ToolsCapability(),
                Resources = new ResourcesCapability(),
                Prompts = new PromptsCapability(),
            },
            Handlers = new McpServerHandlers
            {
                ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = [.. tools.Values.Select(Describe)] }),
                CallToolHandler = (request, token) => CallAsync(settings, tools, request, token),
                ListResourcesHandler = (_, _) => ValueTask.FromResult(new ListResourcesResult { Resources = [.. McpResources.List(settings)] }),
                ReadResourceHandler = (request, token) => McpResources.ReadAsync(settings, request.Params?.Uri ?? "", token),
                ListPromptsHandler = (_, _) => ValueTask.FromResult(new ListPromptsResult { Prompts = [VerifyReleasePrompt.Describe()] }),
                GetPromptHandler = (request, _) => ValueTask.FromResult(VerifyReleasePrompt.Get(settings, request.Params)),
            },
        };

        var transport = new StreamServerTransport(input, output, "greenlight");
        await using var server = McpServer.Create(transport, options);
        await server.RunAsync(cancellationToken);
    }

    public static string Version { get; } =
        typeof(GreenlightMcpServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static Tool Describe(McpTool tool) => new()
    {
        Name = tool.Name,
        Title = tool.Title,
        Description = tool.Description,
        InputSchema = tool.ParsedInputSchema,
        OutputSchema = tool.ParsedOutputSchema,
        Annotations = new ToolAnnotations
        {
            Title = tool.Title,
            ReadOnlyHint = tool.ReadOnly,
            DestructiveHint = tool.Destructive,
            OpenWorldHint = tool.OpenWorld,
        },
    };

    private static async ValueTask<CallToolResult> CallAsync(McpSettings settings, IReadOnlyDictionary<string, McpTool> tools, RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name ?? "";
        if (!tools.TryGetValue(name, out var tool))
        {
            throw ToolSet.Gated.TryGetValue(name, out var flag)
                ? new McpProtocolException($"the tool `{name}` is off: greenlight mcp offers it only when started with {flag}", McpErrorCode.InvalidParams)
                : new McpProtocolException($"no tool `{name}` (tools: {string.Join(", ", tools.Keys)})", McpErrorCode.InvalidParams);
        }

        var arguments = request.Params?.Arguments is { } given ? new Dictionary<string, JsonElement>(given, StringComparer.Ordinal) : new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var unknown = arguments.Keys.Where(k => !AcceptedArguments(tool).Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new McpProtocolException($"{name}: unknown argument{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(u => $"`{u}`"))} (accepted: {string.Join(", ", AcceptedArguments(tool))})", McpErrorCode.InvalidParams);
        }

        // The mask is built before the call, from the same spec and vars the tool reads.
        Redactor mask;
        var probe = new ToolCall(name, arguments, settings, null);
        try
        {
            mask = SecretMask.For(probe.SpecPath, probe.LoadOptions());
        }
        catch (ToolArgumentException ex)
        {
            throw new McpProtocolException(ex.Message, McpErrorCode.InvalidParams);
        }

        var progressToken = request.Params?.ProgressToken;
        Func<double, double?, string, Task>? progress = progressToken is { } token
            ? (done, total, message) => request.Server.NotifyProgressAsync(token, new ProgressNotificationValue { Progress = (float)done, Total = total is null ? null : (float)total, Message = mask.Redact(message) }, cancellationToken: cancellationToken)
            : null;
        var call = new ToolCall(name, arguments, settings, progress);
        ToolOutput output;
        try
        {
            output = await tool.InvokeAsync(call, cancellationToken);
        }
        catch (ToolArgumentException ex)
        {
            throw new McpProtocolException(mask.Redact(ex.Message), McpErrorCode.InvalidParams);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // The world said no (a store that does not exist, a database that is down, a file not found): the agent reads why.
            var kind = ProblemKind(ex);
            output = await ToolJson.ProblemAsync(kind, kind == "internal" ? $"{ex.GetType().Name}: {ex.Message}" : ex.Message, ex is Spec.SpecException spec ? spec.Errors : [], mask, cancellationToken);
        }

        var text = mask.Redact(output.Json);
        var result = new CallToolResult { Content = [new TextContentBlock { Text = text }], IsError = output.IsError };
        if (!output.IsError)
        {
            using var document = JsonDocument.Parse(text);
            result.StructuredContent = document.RootElement.Clone();
        }

        return result;
    }

    private static IReadOnlyList<string> AcceptedArguments(McpTool tool) =>
        tool.ParsedInputSchema.TryGetProperty("properties", out var properties) ? [.. properties.EnumerateObject().Select(p => p.Name)] : [];

    private static string ProblemKind(Exception ex) => ex switch
    {
        Store.StoreException => "store",
        Spec.SpecException => "spec",
        Databases.DatabaseException or System.Data.Common.DbException => "database",
        Checks.Migration.MigrationException => "migration",
        Import.ImportException => "checklist",
        Signoffs.SignoffException => "signoff",
        ArgumentException => "usage",
        IOException or UnauthorizedAccessException => "file",
        _ => "internal",
    };
}
