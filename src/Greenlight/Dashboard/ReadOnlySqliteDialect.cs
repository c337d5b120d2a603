using System.Data.Common;
using Microsoft.Data.Sqlite;
using Greenlight.Store;

namespace Greenlight.Dashboard;

/// <summary>
/// SQLite opened read-only but not immutable, so a dashboard sees the runs a writer adds while it
/// serves (WAL readers never block the writer). A file whose folder cannot take the -shm falls back
/// to <see cref="SqliteDialect.AsReadOnly"/>, which reads it as a frozen copy.
/// </summary>
internal sealed class ReadOnlySqliteDialect(string path) : StoreDialect
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = System.IO.Path.GetFullPath(path),
        Mode = SqliteOpenMode.ReadOnly,
        Cache = SqliteCacheMode.Private,
        DefaultTimeout = 2,
        Pooling = true,
    }.ToString();

    public override string Describe { get; } = System.IO.Path.GetFullPath(path);

    public override bool ReadOnly => true;

    public override string BigInt => "INTEGER";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout=2000; PRAGMA query_only=1;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    public override Task LockForUpgradeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("a read-only store is never upgraded");
}
