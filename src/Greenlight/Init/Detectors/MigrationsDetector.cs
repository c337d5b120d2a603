namespace Greenlight.Init.Detectors;

/// <summary>Alembic (<c>alembic.ini</c>), Supabase, Prisma, Flyway and plain SQL migration folders → a <c>migration</c> check that dry-runs what is pending.</summary>
internal sealed class MigrationsDetector : IRepositoryDetector
{
    public void Detect(InitDraft draft)
    {
        var files = draft.Files.Paths;
        foreach (var ini in files.Where(p => Path.GetFileName(p) == "alembic.ini"))
        {
            var folder = Path.GetDirectoryName(ini) is { Length: > 0 } d ? d : ".";
            Add(draft, folder, "alembic", $"{ini}: an Alembic project; its pending revisions are dry-run (always rolled back) and linted before the deploy");
        }

        Folder(draft, files, "supabase/migrations", "supabase", "Supabase migrations");
        Folder(draft, files, "prisma/migrations", "timestamped", "Prisma migrations (each folder's migration.sql)");
        var flyway = files.Where(p => Path.GetFileName(p).StartsWith('V') && Path.GetFileName(p).Contains("__", StringComparison.Ordinal) && p.EndsWith(".sql", StringComparison.Ordinal)).Select(p => Path.GetDirectoryName(p)!.Replace('\\', '/')).Distinct().FirstOrDefault();
        if (flyway is not null)
        {
            Add(draft, flyway, "flyway", $"{flyway}: Flyway migrations (V<version>__name.sql)");
        }

        if (!draft.Checks.Any(c => c.Kind == "migration"))
        {
            var plain = files.Where(p => p.EndsWith(".sql", StringComparison.Ordinal) && p.Split('/').Any(s => s is "migrations" or "migration")).Select(p => Path.GetDirectoryName(p)!.Replace('\\', '/')).Distinct().FirstOrDefault();
            if (plain is not null)
            {
                Add(draft, plain, "plain", $"{plain}: SQL migrations applied in name order");
            }
        }
    }

    private static void Folder(InitDraft draft, IReadOnlyList<string> files, string folder, string layout, string what)
    {
        var found = files.FirstOrDefault(p => p.StartsWith(folder + "/", StringComparison.Ordinal) || p.Contains("/" + folder + "/", StringComparison.Ordinal));
        if (found is not null)
        {
            var root = found[..(found.IndexOf(folder, StringComparison.Ordinal) + folder.Length)];
            Add(draft, root, layout, $"{root}: {what}; the pending ones are dry-run (always rolled back) and linted before the deploy");
        }
    }

    private static void Add(InitDraft draft, string path, string layout, string why)
    {
        var check = draft.Add($"db.migrations{(draft.Checks.Any(c => c.Kind == "migration") ? "-" + layout : "")}", "migration", $"the pending migrations in {path} apply cleanly (dry-run)", why, "DB");
        check.Set("path", path);
        check.Set("layout", layout);
        if (draft.DatabaseVariable is not null)
        {
            check.Set("target", "db");
        }
        else
        {
            check.Notes.Add("no database URL variable was found: add `target: db` (and `targets: { db: ${DATABASE_URL} }`) to dry-run against a database; without one it only lints");
        }

        if (layout is "alembic" or "flyway" or "timestamped")
        {
            check.Set("idempotent", new Greenlight.Import.YamlRaw("false"));
        }
    }
}
