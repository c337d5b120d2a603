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
    /// <summary>The URL as given (with its password): for processes that connect themselves, never for display.</summary>
    public string? Url { get; init; }

    /// <summary>The display form: a record would print the connection string and URL, passwords included.</summary>
    public override string ToString() => Display;

    public static bool LooksLikeUrl(string text) =>
        text.StartsWith("postgres://", StringComparison.Ordinal) || text.StartsWith("postgresql://", StringComparison.Ordinal) ||
        text.StartsWith("sqlite:", StringComparison.Ordinal);

    /// <summary>Why <paramref name="url"/> is not a database URL Greenlight can open, or null when it is; for errors at load.</summary>
    public static string? Problem(string url)
    {
        const string Expected = "expected postgres://USER@HOST:PORT/DB (a password may follow USER) or sqlite:PATH";
        var shown = Redactor.None.Redact(url);
        if (url.StartsWith("sqlite:", StringComparison.Ordinal))
        {
            return url["sqlite:".Length..].TrimStart('/').Length == 0 ? $"`{shown}` names no file: {Expected}" : null;
        }

        if (!LooksLikeUrl(url))
        {
            var scheme = url.IndexOf("://", StringComparison.Ordinal) is var i and > 0 ? url[..i] : null;
            return scheme is null
                ? $"`{shown}` is not a database URL: {Expected}"
                : $"unknown scheme `{scheme}://`: Greenlight reads PostgreSQL (postgres://, postgresql://) and SQLite (sqlite:PATH)";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return $"`{shown}` is not a valid URL: {Expected}";
        }

        try
        {
            _ = ConnectionStrings.FromUrl(url);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return $"`{shown}` is not a valid database URL ({Redactor.None.Redact(ex.Message)}): {Expected}";
        }
    }

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
            return new DatabaseTarget(DatabaseEngine.Postgres, ConnectionStrings.FromUrl(url), Redactor.None.Redact(url)) { Url = url };
        }

        throw new ArgumentException($"`{Redactor.None.Redact(url)}` is not a database URL: expected postgres://user:password@host:5432/db or sqlite:PATH");
    }
}
