using Greenlight.Spec;

namespace Greenlight.Databases.Schema;

/// <summary>
/// Resolves what a user names as a schema — a snapshot file, a database URL, or a target of the
/// spec — into the schema itself, for every host (the CLI, an MCP server, a dashboard).
/// Throws <see cref="ArgumentException"/> for a name that is none of them, <see cref="SpecException"/>
/// for a snapshot or spec with errors, <see cref="DatabaseException"/> when the database cannot be read.
/// A target's URL is read with the load options given (the CLI's --var, --env-file, --env), so <c>--env production</c> names
/// production's database exactly as <c>check --env production</c> would.
/// </summary>
internal static class SchemaSource
{
    public static async Task<(DatabaseSchema Schema, string Label)> ResolveAsync(
        string source, string specPath, IReadOnlyList<string>? schemas, bool allowSnapshot, TimeSpan timeout, CancellationToken cancellationToken,
        SpecLoadOptions? loadOptions = null)
    {
        if (allowSnapshot && File.Exists(source) && (source.EndsWith(".yaml", StringComparison.Ordinal) || source.EndsWith(".yml", StringComparison.Ordinal)))
        {
            var context = new SpecReadContext(source, VariableScope.Empty, Path.GetDirectoryName(Path.GetFullPath(source))!);
            var schema = SchemaYaml.ReadSnapshot(source, context);
            if (schema is null || context.Errors.Count > 0)
            {
                throw new SpecException(context.Errors);
            }

            return (schema, $"snapshot {source}");
        }

        var url = source;
        if (!DatabaseTarget.LooksLikeUrl(source))
        {
            if (!File.Exists(specPath))
            {
                throw new ArgumentException($"`{source}` is not a database URL, {(allowSnapshot ? "not a snapshot file, " : "")}and there is no spec ({specPath}) to name targets");
            }

            var targets = SpecLoader.LoadTargets(specPath, loadOptions ?? new SpecLoadOptions());
            url = targets.GetValueOrDefault(source)
                ?? throw new ArgumentException($"`{source}` is not a database URL{(allowSnapshot ? ", a snapshot file" : "")} or a target of {specPath} (targets: {string.Join(", ", targets.Keys)}){(loadOptions?.EnvironmentName is { } env ? $" with --env {env}" : "")}");
        }

        var target = DatabaseTarget.Parse(url, Path.GetDirectoryName(Path.GetFullPath(specPath))!);
        return (await SchemaReader.ReadAsync(target, schemas, timeout, cancellationToken), target.Display);
    }

    /// <summary>"a,b" → [a, b]; empty or "*" → null (every user schema).</summary>
    public static IReadOnlyList<string>? ParseList(string? value)
    {
        var names = (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return names.Length == 0 || names is ["*"] ? null : names;
    }
}
