using System.Text.RegularExpressions;

namespace Greenlight.Import.Rules;

/// <summary>
/// A migration file or folder the document names ("Copy migration: `supabase/migrations/20251117_add_….sql`",
/// "`backend/alembic/versions/p2_….py`") → a <c>migration</c> check that dry-runs it against the target
/// before the deploy, instead of pasting it into an SQL editor and hoping.
/// </summary>
internal sealed partial class MigrationFileRule : IItemRule
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public bool TryImport(ItemElement item, ItemContext context, ImportSession session)
    {
        if (MigrationPath().Match(item.Text) is not { Success: true } match)
        {
            return false;
        }

        var path = match.Groups["path"].Value;
        var (checkPath, layout) = path.Contains("/alembic/versions/", StringComparison.Ordinal) || path.StartsWith("alembic/versions/", StringComparison.Ordinal)
            ? (path[..path.IndexOf("alembic/versions/", StringComparison.Ordinal)] is { Length: > 0 } root ? root.TrimEnd('/') : ".", "alembic")
            : (path, path.Contains("supabase/migrations", StringComparison.Ordinal) ? "supabase" : "auto");
        if (!_seen.Add(checkPath))
        {
            return false;
        }

        session.Items++;
        var check = new ImportedCheck
        {
            Kind = "migration",
            Title = $"{Path.GetFileName(path)} applies cleanly and twice (dry-run, rolled back)",
            Line = item.Line,
            Phase = ImportPhase.Pre,
            Area = "DB",
        };
        check.Set("path", checkPath);
        check.Set("target", session.UseDatabase());
        check.Set("layout", layout);
        check.Notes.Add($"the document applies {path} by hand; this dry-runs it first (always rolled back) and lints it");
        check.Keys.Add(Path.GetFileNameWithoutExtension(path));
        session.Add(check);
        return false;
    }

    [GeneratedRegex(@"`(?<path>[A-Za-z0-9_./-]*(migrations?|alembic/versions)/[A-Za-z0-9_.-]+\.(sql|py))`")]
    private static partial Regex MigrationPath();
}
