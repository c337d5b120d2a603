using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Greenlight.Store;

/// <summary>
/// SQLite in WAL mode: readers never block the writer. A second writer gets the lock error quickly
/// (short busy timeout) so <see cref="StoreWait"/> can wait for it visibly, with a limit. A
/// read-only file (a read-only mount, a copied CI artefact) is opened immutable, for reading only.
/// </summary>
internal sealed class SqliteDialect : StoreDialect
{
    /// <summary>The WAL size, in pages, at which a commit checkpoints it into the database file.</summary>
    public const int AutoCheckpointPages = 64;

    private readonly string _connectionString;

    public SqliteDialect(string path, bool readOnly = false)
    {
        Path = System.IO.Path.GetFullPath(path);
        ReadOnly = readOnly;
        _connectionString = new SqliteConnectionStringBuilder
        {
            // Read-only with a -wal beside it: SQLite reads the WAL through the existing -shm. Without
            // one, immutable=1: no -shm or -wal is created or needed, which a read-only folder cannot hold.
            DataSource = readOnly && !File.Exists(Path + "-wal") ? new Uri(Path).AbsoluteUri + "?immutable=1" : Path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 1,
            Pooling = !readOnly,
        }.ToString();
    }

    public string Path { get; }

    public override bool ReadOnly { get; }

    public override string Describe => Path;

    public override string BigInt => "INTEGER";

    public SqliteDialect AsReadOnly() => new(Path, readOnly: true);

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!ReadOnly)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!ReadOnly)
            {
                await using var pragma = connection.CreateCommand();

                // WAL is a property of the file (set once, kept); the rest is per connection. A commit that
                // leaves the WAL at 64 pages (256 KiB) or more copies it into the file then (SQLite's default is
                // 1000): a run's writer does it while the checks run, instead of the whole run's pages being
                // copied and synced at exit, where a run of hundreds of checks waited 15-35 ms for it.
                pragma.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=200; PRAGMA wal_autocheckpoint={AutoCheckpointPages};";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    public override Task LockForUpgradeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask; // Microsoft.Data.Sqlite begins transactions IMMEDIATE: the write lock is already held.
}
