namespace Greenlight.Databases.Schema;

/// <summary>Reads the live schema of a target, whichever engine it is.</summary>
internal static class SchemaReader
{
    public static async Task<DatabaseSchema> ReadAsync(DatabaseTarget target, string schemaName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var session = await DatabaseSession.OpenReadOnlyAsync(target, timeout, cancellationToken, repeatableRead: true, builtInTypesOnly: true);
        return target.Engine == DatabaseEngine.Postgres
            ? await PostgresIntrospector.ReadAsync(session, schemaName, timeout, cancellationToken)
            : await SqliteIntrospector.ReadAsync(session, cancellationToken);
    }
}
