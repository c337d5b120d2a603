using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Greenlight.Store;

/// <summary>
/// SQLite in WAL mode: readers never block the writer, and a second greenlight writing to the same
/// file waits for the lock (busy timeout) instead of failing with "database is locked".
/// </summary>
internal sealed class SqliteDialect : StoreDialect
{
    private readonly string _connectionString;

    public SqliteDialect(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 60,
            Pooling = true,
        }.ToString();
    }

    public string Path { get; }

    public override string Describe => Path;

    public override string BigInt => "INTEGER";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();

        // WAL is a property of the file (set once, kept); the rest is per connection.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public override Task LockForUpgradeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask; // Microsoft.Data.Sqlite begins transactions IMMEDIATE: the write lock is already held.
}
