using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Greenlight.Databases;

/// <summary>
/// A read-only session on a target: PostgreSQL in a READ ONLY transaction with a statement timeout
/// (rolled back at the end), SQLite opened read-only with query_only on. Nothing a check runs can
/// change the database.
/// </summary>
internal sealed class DatabaseSession : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, NpgsqlDataSource> DataSources = new(StringComparer.Ordinal);

    private DatabaseSession(DatabaseTarget target, DbConnection connection, DbTransaction? transaction)
    {
        Target = target;
        Connection = connection;
        Transaction = transaction;
    }

    public DatabaseTarget Target { get; }
    public DbConnection Connection { get; }
    public DbTransaction? Transaction { get; }

    /// <summary>
    /// Opens a read-only session. On PostgreSQL, <c>repeatableRead</c> lets the session export its
    /// snapshot (pg_export_snapshot), and <c>snapshot</c> imports one exported by another session, so
    /// two connections read the very same state in parallel; <c>builtInTypesOnly</c> skips loading
    /// the server's own types, for catalog queries.
    /// </summary>
    public static async Task<DatabaseSession> OpenReadOnlyAsync(
        DatabaseTarget target, TimeSpan statementTimeout, CancellationToken cancellationToken, string? snapshot = null, bool repeatableRead = false, bool builtInTypesOnly = false)
    {
        try
        {
            if (target.Engine == DatabaseEngine.Sqlite)
            {
                var path = new SqliteConnectionStringBuilder(target.ConnectionString).DataSource;
                if (!File.Exists(path))
                {
                    throw new DatabaseException($"cannot open {target.Display}: no such database file ({path})");
                }

                var sqlite = new SqliteConnection(target.ConnectionString);
                await sqlite.OpenAsync(cancellationToken);
                await using var pragma = sqlite.CreateCommand();
                pragma.CommandText = "PRAGMA query_only = ON";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
                return new DatabaseSession(target, sqlite, null);
            }

            // Catalog reads use built-in types only: skipping Npgsql's load of the server's types saves a round of queries.
            var source = DataSources.GetOrAdd((builtInTypesOnly ? "builtin|" : "all|") + target.ConnectionString, _ =>
            {
                var builder = new NpgsqlDataSourceBuilder(target.ConnectionString);
                if (builtInTypesOnly)
                {
                    builder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
                }

                return builder.Build();
            });
            var connection = await source.OpenConnectionAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(
                snapshot is not null || repeatableRead ? System.Data.IsolationLevel.RepeatableRead : System.Data.IsolationLevel.ReadCommitted, cancellationToken);
            await using var setup = connection.CreateCommand();
            setup.Transaction = transaction;
            var ms = Math.Max(1, (long)statementTimeout.TotalMilliseconds);
            var importSnapshot = snapshot is null ? "" : $"SET TRANSACTION SNAPSHOT '{snapshot.Replace("'", "", StringComparison.Ordinal)}'; ";
            setup.CommandText = $"{importSnapshot}SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = {ms}";
            await setup.ExecuteNonQueryAsync(cancellationToken);
            return new DatabaseSession(target, connection, transaction);
        }
        catch (DbException ex)
        {
            throw new DatabaseException($"cannot connect to {target.Display}: {Secrets.Redactor.None.Redact(ex.Message)}", ex);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new DatabaseException($"cannot connect to {target.Display}: {ex.Message}", ex);
        }
    }

    public DbCommand Command(string text)
    {
        var command = Connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>Explains a database error in the words of a release check.</summary>
    public static string Describe(DbException ex, DatabaseTarget target, TimeSpan timeout) => ex switch
    {
        PostgresException { SqlState: "25006" } pg => $"this check is read-only, and the query tried to write: {pg.MessageText}",
        PostgresException { SqlState: "57014" } => $"the query timed out after {Assertions.Units.FormatDuration(timeout.TotalMilliseconds)} (statement_timeout)",
        PostgresException pg => $"the query failed: {pg.MessageText}{(pg.Position > 0 ? $" (at character {pg.Position})" : "")}{(pg.Hint is null ? "" : $"; hint: {pg.Hint}")}",
        SqliteException { SqliteErrorCode: 8 } sq => $"this check is read-only, and the query tried to write: {sq.Message}",
        SqliteException sq => $"the query failed: {sq.Message.Replace("SQLite Error ", "", StringComparison.Ordinal)}",
        _ => $"the query on {target.Display} failed: {ex.Message}",
    };

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null)
        {
            try
            {
                await Transaction.RollbackAsync(CancellationToken.None);
            }
            catch (DbException)
            {
                // The connection is already broken: nothing to roll back.
            }
            catch (InvalidOperationException)
            {
                // Already completed.
            }

            await Transaction.DisposeAsync();
        }

        await Connection.DisposeAsync();
    }
}
