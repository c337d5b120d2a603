using Greenlight.Secrets;
using Greenlight.Store;
using Microsoft.Data.Sqlite;

namespace Greenlight.Databases;

/// <summary>
/// A database a check reads: <c>postgres://…</c>, <c>postgresql://…</c> or <c>sqlite:PATH</c>
/// (relative to the spec's folder). <see cref="Display"/> never shows the password.
/// </summary>
internal sealed record DatabaseTarget(DatabaseEngine Engine, string ConnectionString, string Display)
{
    public static bool LooksLikeUrl(string text) =>
        text.StartsWith("postgres://", StringComparison.Ordinal) || text.StartsWith("postgresql://", StringComparison.Ordinal) ||
        text.StartsWith("sqlite:", StringComparison.Ordinal);

    public static DatabaseTarget Parse(string url, string baseDirectory)
    {
        if (url.StartsWith("sqlite:", StringComparison.Ordinal))
        {
            var path = url["sqlite:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                path = path[2..];
            }

            var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path));
            var builder = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
            return new DatabaseTarget(DatabaseEngine.Sqlite, builder.ToString(), "sqlite:" + path);
        }

        if (url.StartsWith("postgres://", StringComparison.Ordinal) || url.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            return new DatabaseTarget(DatabaseEngine.Postgres, ConnectionStrings.FromUrl(url), Redactor.None.Redact(url));
        }

        throw new ArgumentException($"`{Redactor.None.Redact(url)}` is not a database URL: expected postgres://user:password@host:5432/db or sqlite:PATH");
    }
}
