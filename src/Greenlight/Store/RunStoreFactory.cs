namespace Greenlight.Store;

/// <summary>
/// Finds the store: <c>--store</c>, else GREENLIGHT_STORE, else SQLite at
/// <c>.greenlight/history.db</c> beside the spec. postgres:// or postgresql:// means PostgreSQL;
/// sqlite:PATH or a plain path means SQLite.
/// </summary>
internal static class RunStoreFactory
{
    public const string EnvironmentVariable = "GREENLIGHT_STORE";

    public static StoreDialect Locate(string? store, string specPath)
    {
        store ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(store))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(specPath))!;
            return new SqliteDialect(Path.Combine(directory, ".greenlight", "history.db"));
        }

        if (store.StartsWith("postgres://", StringComparison.Ordinal) || store.StartsWith("postgresql://", StringComparison.Ordinal) ||
            store.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            return new PostgresDialect(store);
        }

        return new SqliteDialect(store.StartsWith("sqlite:", StringComparison.Ordinal) ? store["sqlite:".Length..] : store);
    }

    public static Task<SqlRunStore> OpenAsync(string? store, string specPath, CancellationToken cancellationToken) =>
        SqlRunStore.OpenAsync(Locate(store, specPath), cancellationToken);

    public static Task<SqlRunStore> OpenAsync(string? store, string specPath, StoreWait wait, CancellationToken cancellationToken) =>
        SqlRunStore.OpenAsync(Locate(store, specPath), wait, cancellationToken);
}
