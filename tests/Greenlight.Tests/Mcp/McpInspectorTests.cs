using System.Diagnostics;
using System.Text.Json;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Mcp;

/// <summary>
/// One end-to-end test with a client that is not ours: the npm MCP Inspector in CLI mode, as
/// <c>npx @modelcontextprotocol/inspector --cli greenlight mcp --method tools/list</c>. test.sh installs it into tests/.npm/inspector.
/// </summary>
public class McpInspectorTests
{
    public const string InspectorVersion = "0.15.0";

    private static string Inspector
    {
        get
        {
            var path = Path.Combine(RepositoryPaths.Root, "tests", ".npm", "inspector", "node_modules", ".bin", "mcp-inspector");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"the MCP Inspector is not installed at {path}: run ./test.sh, or `npm install --prefix tests/.npm/inspector --no-audit --no-fund @modelcontextprotocol/inspector@{InspectorVersion}` " +
                    "(needs node and npm: `apt-get install nodejs npm`)");
            }

            return path;
        }
    }

    [Fact]
    public async Task InspectorCli_ToolsListAndACall_SeeEveryToolAndAValidSpec()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", "version: 1\nname: inspected\nchecks:\n  - id: ok\n    kind: command\n    run: \"true\"\n    expect: [exit_code == 0]\n");

        var list = await RunAsync(dir.Path, spec, "--method", "tools/list");
        var call = await RunAsync(dir.Path, spec, "--method", "tools/call", "--tool-name", "validate_spec");

        var names = list.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        names.ShouldContain("run_checks");
        names.ShouldContain("explain_failure");
        names.ShouldNotContain("signoff");
        call.RootElement.GetProperty("structuredContent").GetProperty("schema").GetString().ShouldBe("greenlight.validate/v1");
        call.RootElement.GetProperty("structuredContent").GetProperty("checks").GetInt32().ShouldBe(1);
    }

    private static async Task<JsonDocument> RunAsync(string directory, string spec, params string[] method)
    {
        var start = new ProcessStartInfo(Inspector)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var arg in new[] { "--cli", McpHarness.Executable, "mcp", "--spec", spec }.Concat(method))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("the MCP Inspector did not start (is node installed?)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await stdout;
        process.ExitCode.ShouldBe(0, $"mcp-inspector {string.Join(' ', method)}: {await stderr}\n{text}");
        return JsonDocument.Parse(text);
    }
}
