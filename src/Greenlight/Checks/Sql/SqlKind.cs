using Greenlight.Assertions;
using Greenlight.Databases;
using Greenlight.Databases.SqlText;
using Greenlight.Spec;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Checks.Sql;

/// <summary><c>kind: sql</c>: a query in a read-only transaction; assertions on rows, values and latency.</summary>
internal sealed class SqlKind : ICheckKind
{
    public string Name => "sql";

    public string Summary => "Runs one read-only statement against a PostgreSQL or SQLite target (checked at load, in a READ ONLY transaction with a statement timeout), and asserts on the rows, values and latency.";

    public IReadOnlyList<FieldDoc> Fields { get; } =
    [
        new("target", FieldSchemas.String, "A target named under `targets:`, or a database URL (postgres://… or sqlite:PATH).", Required: true),
        new("query", FieldSchemas.String, "The SQL. Never interpolated: pass values as `params` and write @name.", Required: true),
        new("params", FieldSchemas.StringMap, "Query parameters: name → value (may use ${…}); the query refers to them as @name."),
        new("samples", () => FieldSchemas.Integer(1), "Run the query N times; p50/p95/p99/max(duration) use every run (default 1)."),
        new("warmup", () => FieldSchemas.Integer(0), "Runs before the samples, on the same connection, not counted (default 1): the first run pays for plans and caches."),
        new("max_rows", () => FieldSchemas.Integer(1), "Rows kept for assertions (default 1000); `rows` still counts them all."),
    ];

    public SubjectCatalog Subjects { get; } = new(
    [
        new("rows", ValueKind.Number, "How many rows the query returned."),
        new("value", null, "The first column of the first row."),
        new("row", null, "A row by index and a column by name: `row[0].rate`; `row[1]` is the whole row.", ArgumentName: "[N].COLUMN"),
        new("duration", ValueKind.Duration, "How long the query took; with samples, the slowest run.", Sampled: true),
    ],
    new SubjectDefinition("COLUMN", null, "Any other name is that column of the first row: `rate > 0.95`."));

    public IReadOnlyList<string> DefaultExpect => ["rows >= 1"];

    public ICheck Create(YamlMapReader fields)
    {
        var target = TargetField.Read(fields);
        var queryNode = fields.Scalar("query", required: true);
        var query = queryNode?.Value ?? "";
        if (queryNode is not null && query.Contains("${", StringComparison.Ordinal))
        {
            fields.Context.Error(queryNode, "`query` is never interpolated, so values cannot be spliced into SQL: put them under `params:` and write @name in the query");
        }

        var parameters = (fields.ScalarMap("params") ?? []).Select(p => (p.Name, fields.Context.ValidateTemplate(p.Text, p.Node, fields.CheckId))).ToList();
        var samples = fields.Integer("samples", 1, 10_000) ?? 1;
        var warmup = fields.Integer("warmup", 0, 1000) ?? 1;
        var maxRows = fields.Integer("max_rows", 1, 1_000_000) ?? 1000;
        ReadOnlyQuery? prepared = null;
        if (queryNode is not null && target.Length > 0)
        {
            var problems = new List<(int Offset, string Message)>();
            var engine = target.StartsWith("sqlite:", StringComparison.Ordinal) ? DatabaseEngine.Sqlite : DatabaseEngine.Postgres;
            prepared = ReadOnlyQuery.Prepare(query, engine, parameters.Select(p => p.Name).ToList(), problems);
            foreach (var (offset, message) in problems)
            {
                fields.Context.Error(Locate(fields, queryNode, query, offset), message);
            }
        }

        return new SqlCheck(target, query, prepared, parameters, samples, warmup, maxRows);
    }

    /// <summary>Where character <paramref name="offset"/> of the query is in the spec file.</summary>
    private static SourceLocation Locate(YamlMapReader fields, YamlScalarNode node, string query, int offset)
    {
        if (node.Style is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            // A block's text starts on the line after its `|`, indented (by convention) two past the check's fields.
            var (line, column) = SqlLexer.Position(query, offset);
            var start = fields.Context.At(node);
            return new SourceLocation(start.File, start.Line + line, fields.Location.Column + 2 + column - 1);
        }

        return query.Contains('\n', StringComparison.Ordinal) ? fields.Context.At(node) : fields.Context.At(node, offset);
    }
}
