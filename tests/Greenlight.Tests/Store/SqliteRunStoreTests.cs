using System.Text;
using Greenlight.Store;
using Greenlight.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Greenlight.Tests.Store;

public sealed class SqliteRunStoreTests : RunStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    internal override Task<StoreDialect> NewStoreAsync() =>
        Task.FromResult<StoreDialect>(new SqliteDialect(Path.Combine(_dir.Path, Guid.NewGuid().ToString("N")[..8], ".greenlight", "history.db")));

    internal override Task<string> RawContentAsync(StoreDialect dialect)
    {
        // The raw bytes of the database and its WAL and shared-memory files, as the disk holds them.
        SqliteConnection.ClearAllPools();
        var path = ((SqliteDialect)dialect).Path;
        var bytes = new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists).SelectMany(File.ReadAllBytes).ToArray();
        return Task.FromResult(Encoding.UTF8.GetString(bytes) + Encoding.Latin1.GetString(bytes));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
