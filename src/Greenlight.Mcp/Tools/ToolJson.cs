using Greenlight.Reports;
using Greenlight.Secrets;
using Greenlight.Spec;
using Greenlight.Store;

namespace Greenlight.Mcp.Tools;

/// <summary>What the tools share: running a core writer into text, the problem answer, opening the store and loading the spec.</summary>
internal static class ToolJson
{
    /// <summary>Input-schema fragments every spec-reading tool accepts.</summary>
    public const string SpecProperty = """ "spec": { "type": "string", "description": "Path of the spec (default: the one greenlight mcp was started with)." } """;

    public const string VarsProperty = """ "vars": { "type": "object", "additionalProperties": { "type": "string" }, "description": "Variables, as --var NAME=VALUE: they override the spec's vars, the environment and .env." } """;

    public const string RunProperty = """ "run": { "type": "string", "description": "A run id, a unique prefix of one, last, or last~N (default: last)." } """;

    public static async Task<string> WriteAsync(Func<Stream, Task> write)
    {
        await using var buffer = new MemoryStream();
        await write(buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A <c>greenlight.problem/v1</c> answer with isError: the call ran, the world said no.</summary>
    public static async Task<ToolOutput> ProblemAsync(string problem, string message, IReadOnlyList<SpecError> errors, Redactor redactor, CancellationToken cancellationToken) =>
        new(await WriteAsync(s => ProblemReportWriter.WriteAsync(s, problem, message, errors, [], redactor, cancellationToken)), IsError: true);

    /// <summary>Loads the call's spec, or the problem answer with every error's file, line and column.</summary>
    public static async Task<(SpecDocument? Spec, ToolOutput? Problem)> LoadSpecAsync(ToolCall call, CancellationToken cancellationToken)
    {
        var options = call.LoadOptions();
        try
        {
            return (SpecLoader.LoadFile(call.SpecPath, options), null);
        }
        catch (SpecException ex)
        {
            var count = ex.Errors.Count;
            return (null, await ProblemAsync("spec", $"{count} error{(count == 1 ? "" : "s")} in {call.SpecPath}", ex.Errors, ex.Redactor, cancellationToken));
        }
    }

    /// <summary>The store for reading, as <c>show</c> opens it: a store that does not exist yet is a clear problem.</summary>
    public static async Task<SqlRunStore> OpenStoreForReadingAsync(ToolCall call, CancellationToken cancellationToken)
    {
        var dialect = RunStoreFactory.Locate(call.Settings.Store, call.SpecPath);
        if (dialect is SqliteDialect sqlite && !File.Exists(sqlite.Path))
        {
            throw new StoreException($"no runs are recorded yet: {sqlite.Path} does not exist (call run_checks first)");
        }

        return await SqlRunStore.OpenForReadingAsync(dialect, cancellationToken);
    }
}
