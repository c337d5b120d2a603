namespace Greenlight.Databases.Schema;

/// <summary>Reads the live schema of a target, whichever engine it is.</summary>
internal static class SchemaReader
{
    /// <summary>One PostgreSQL schema (namespace), or the SQLite file.</summary>
    public static Task<DatabaseSchema> ReadAsync(DatabaseTarget target, string schemaName, TimeSpan timeout, CancellationToken cancellationToken) =>
        ReadAsync(target, [schemaName], timeout, cancellationToken);

    /// <summary>
    /// The given PostgreSQL schemas, or every user schema when <paramref name="schemas"/> is null or
    /// empty (objects of the first, or of public, keep bare names; the others are qualified).
    /// </summary>
    public static async Task<DatabaseSchema> ReadAsync(DatabaseTarget target, IReadOnlyList<string>? schemas, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var session = await DatabaseSession.OpenReadOnlyAsync(target, timeout, cancellationToken, repeatableRead: true, builtInTypesOnly: true);
        return target.Engine == DatabaseEngine.Postgres
            ? await PostgresIntrospector.ReadAsync(session, schemas, timeout, cancellationToken)
            : await SqliteIntrospector.ReadAsync(session, cancellationToken);
    }
}
