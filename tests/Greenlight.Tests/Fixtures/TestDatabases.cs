using Microsoft.Data.Sqlite;
using Npgsql;

namespace Greenlight.Tests.Fixtures;

/// <summary>Runs setup SQL against a test database.</summary>
public static class TestDatabases
{
    public static async Task ExecutePostgresAsync(string url, string sql)
    {
        await using var connection = new NpgsqlConnection(Greenlight.Store.ConnectionStrings.FromUrl(url));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();

        // A pooled backend reports its table statistics up to seconds later (PostgreSQL 15+): flush them
        // now, so a test comparing pg_stat counters before and after a dry-run does not see setup's rows arrive.
        await using var flush = new NpgsqlCommand("DO $$ BEGIN IF current_setting('server_version_num')::int >= 150000 THEN EXECUTE 'SELECT pg_stat_force_next_flush()'; END IF; END $$", connection);
        await flush.ExecuteNonQueryAsync();
    }

    public static async Task<string> CreateSqliteAsync(string directory, string sql, string name = "app.db")
    {
        var path = Path.Combine(directory, name);
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
        return path;
    }
}
