using System.Text;
using Greenlight.Store;
using Greenlight.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Shouldly;
using Xunit;

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

    [Fact]
    public async Task Commits_CheckpointTheWalAsTheyGo_SoClosingTheStoreHasLittleLeftToCopy()
    {
        var dialect = (SqliteDialect)await NewStoreAsync();
        var store = await SqlRunStore.OpenAsync(dialect, CancellationToken.None);

        // 40 commits of 40 KB, 1.6 MB through the WAL, while the store stays open (its connection pooled).
        for (var i = 0; i < 40; i++)
        {
            await using var connection = await store.ConnectAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            await using (var batch = new SqlBatch(connection, transaction))
            {
                await SqlRunStore.InsertEvidenceAsync(batch, "wal-run", "big", i, new Greenlight.Checks.EvidenceItem("body", new string('x', 40_000)), CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
        }

        // With SQLite's default (1000 pages) the WAL would still hold all of it, to be copied and synced at close.
        new FileInfo(dialect.Path + "-wal").Length.ShouldBeLessThan(800_000);
        new FileInfo(dialect.Path).Length.ShouldBeGreaterThan(1_500_000);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
