using Greenlight.Assertions;
using Greenlight.Databases;
using Greenlight.Spec;
using Greenlight.Text;

namespace Greenlight.Checks.Migration;

/// <summary><c>kind: migration</c>: pending vs applied, a dry-run twice in a rolled-back transaction with real changes and locks, and lint.</summary>
internal sealed class MigrationKind : ICheckKind
{
    public string Name => "migration";

    public string Summary => "Knows which migrations are pending (Alembic, Flyway, Supabase, timestamped folders, plain SQL), dry-runs them twice in a transaction that is always rolled back, reports the real schema changes and the locks taken on tables of what size, and lints them for data loss and locking hazards.";

    public IReadOnlyList<FieldDoc> Fields { get; } =
    [
        new("path", FieldSchemas.String, "A migration file or folder (relative to the spec), or an Alembic project (the folder with alembic.ini).", Required: true),
        new("target", FieldSchemas.String, "A PostgreSQL target to read history from and dry-run against; without one the check only lints."),
        new("layout", () => FieldSchemas.Enum("auto", "plain", "supabase", "flyway", "timestamped", "alembic"), "How the folder is laid out (default auto: detected, and said in the evidence)."),
        new("schema", FieldSchemas.String, "The PostgreSQL schema whose changes are reported (default public)."),
        new("dry_run", FieldSchemas.Boolean, "Run the pending SQL in a transaction that is always rolled back (default true)."),
        new("idempotent", FieldSchemas.Boolean, "Run it a second time in the same transaction and fail if that fails (default true). Written as true, every file must also be re-runnable for create-without-if-not-exists, whatever its layout. Set false for tools that never re-run a file (Alembic, Flyway)."),
        new("lock_timeout", FieldSchemas.Duration, "lock_timeout of the dry-run (default 2s): it never waits long behind production traffic."),
        new("statement_timeout", FieldSchemas.Duration, "statement_timeout of the dry-run (default 30s)."),
        new("allow", FieldSchemas.StringList, "Lint rule ids to turn off for this check (also per statement: -- greenlight:allow rule-id)."),
        new("alembic", FieldSchemas.String, "The Alembic command (default: the project's .venv/bin/alembic or venv/bin/alembic, else alembic on PATH)."),
        new("env", FieldSchemas.StringMap, "Variables added to Alembic's environment (may use ${…}; secrets are redacted in evidence and errors). With a target, DATABASE_URL is its URL unless set here."),
    ];

    public SubjectCatalog Subjects { get; } = new(
    [
        new("pending", ValueKind.Number, "How many migrations are not applied yet."),
        new("pending_files", ValueKind.List, "The pending migrations: file names (an Alembic revision's file)."),
        new("head", ValueKind.String, "The last migration of the folder (Alembic: `alembic heads`)."),
        new("current", ValueKind.String, "What the database's history table says it is at (missing when nothing is applied)."),
        new("changes", ValueKind.List, "Every schema change the dry-run made: tables, columns, types, defaults, nullability, indexes, constraints, views, functions."),
        new("added_columns", ValueKind.List, "Columns added to tables that existed before, as table.column."),
        new("dropped_columns", ValueKind.List, "Columns dropped from tables that remain, as table.column."),
        new("dropped_tables", ValueKind.List, "Tables the migrations drop."),
        new("findings", ValueKind.List, "The lint rule ids that fired (any severity), once per finding."),
    ]);

    public IReadOnlyList<string> DefaultExpect => [];

    public ICheck Create(YamlMapReader fields)
    {
        var pathNode = fields.Scalar("path", required: true);
        var path = pathNode is null ? "" : fields.Context.ExpandNow(pathNode.Value ?? "", pathNode);
        if (pathNode is not null && path.Length > 0)
        {
            var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(fields.Context.Directory, path));
            if (!System.IO.File.Exists(full) && !Directory.Exists(full))
            {
                // A warning, not an error: a spec may be validated away from the repository that holds its migrations.
                fields.Context.Warnings.Add(new SpecError(fields.Context.At(pathNode), $"`path`: no such migration file or folder: {full} (the check will end as an error)"));
            }
        }

        var target = fields.Has("target") ? TargetField.Read(fields) : null;
        if (target is not null && target.StartsWith("sqlite:", StringComparison.Ordinal))
        {
            fields.Context.Error(fields.LocationOf("target"), "`target`: a migration check dry-runs on PostgreSQL; this target is SQLite");
        }

        var allow = new List<string>();
        foreach (var (text, node) in fields.ScalarList("allow") ?? [])
        {
            if (LintRules.Find(text) is null)
            {
                var hint = DidYouMean.Suggest(text, LintRules.All.Select(r => r.Id));
                fields.Context.Error(node, $"`allow`: no lint rule `{text}`{(hint is null ? "" : $"; did you mean `{hint}`?")} (rules: {string.Join(", ", LintRules.All.Select(r => r.Id))})");
            }

            allow.Add(text);
        }

        var env = (fields.ScalarMap("env") ?? []).Select(e => (e.Name, fields.Context.ValidateTemplate(e.Text, e.Node, fields.CheckId))).ToList();
        var idempotent = fields.Boolean("idempotent");
        var settings = new MigrationSettings
        {
            Path = path,
            Target = target,
            Layout = fields.Enum<MigrationLayout>("layout") ?? MigrationLayout.Auto,
            Schema = fields.Text("schema") ?? "public",
            DryRun = fields.Boolean("dry_run") ?? true,
            Idempotent = idempotent ?? true,
            IdempotentDeclared = idempotent == true,
            LockTimeout = fields.Duration("lock_timeout") ?? TimeSpan.FromSeconds(2),
            StatementTimeout = fields.Duration("statement_timeout") ?? TimeSpan.FromSeconds(30),
            Allow = allow,
            Alembic = fields.Text("alembic"),
            Environment = env,
        };
        return new MigrationCheck(settings);
    }
}
