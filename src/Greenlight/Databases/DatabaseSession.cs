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

    private DatabaseSession(DatabaseTarget target, DbConnection connection, DbTransaction? transaction, TimeSpan timeout)
    {
        Target = target;
        Connection = connection;
        Transaction = transaction;
        _commandTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
    }

    private readonly int _commandTimeout;

    public DatabaseTarget Target { get; }
    public DbConnection Connection { get; }
    public DbTransaction? Transaction { get; }

    /// <summary>
    /// A session whose transaction writes (a migration dry-run): whatever reads its schema must do so
    /// on this connection, since another one cannot see the uncommitted changes.
    /// </summary>
    public bool SingleConnection { get; private init; }

    /// <summary>Why the role this session connects as is more powerful than a check needs, or null.</summary>
    public string? RoleWarning { get; private set; }

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

                // The busy timeout comes from the check's timeout: a locked file is an error within it, not after 30 s.
                var builder = new SqliteConnectionStringBuilder(target.ConnectionString) { DefaultTimeout = Math.Max(1, (int)Math.Ceiling(statementTimeout.TotalSeconds)) };
                var sqlite = new SqliteConnection(builder.ToString());
                await sqlite.OpenAsync(cancellationToken);
                await using var pragma = sqlite.CreateCommand();
                pragma.CommandText = $"PRAGMA query_only = ON; PRAGMA busy_timeout = {Math.Max(1, (long)statementTimeout.TotalMilliseconds)}";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
                return new DatabaseSession(target, sqlite, null, statementTimeout);
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
            // The SELECT takes the transaction's snapshot before any statement of the check runs, so
            // SET TRANSACTION READ WRITE (or transaction_read_only = off) is refused by the server.
            setup.CommandText = $"{importSnapshot}SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = {ms}; {RoleQuery}";
            var session = new DatabaseSession(target, connection, transaction, statementTimeout);
            await using (var reader = await setup.ExecuteReaderAsync(cancellationToken))
            {
                session.RoleWarning = await ReadRoleWarningAsync(reader, cancellationToken);
            }

            return session;
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
        command.CommandTimeout = _commandTimeout;
        return command;
    }

    /// <summary>
    /// Opens a session for a migration dry-run: a read-write transaction that is always rolled back,
    /// with low lock and statement timeouts so the dry-run never waits long behind production traffic.
    /// </summary>
    public static async Task<DatabaseSession> OpenDryRunAsync(DatabaseTarget target, TimeSpan lockTimeout, TimeSpan statementTimeout, CancellationToken cancellationToken)
    {
        if (target.Engine != DatabaseEngine.Postgres)
        {
            throw new DatabaseException($"a migration dry-run needs a PostgreSQL target, and {target.Display} is SQLite");
        }

        try
        {
            var source = DataSources.GetOrAdd("all|" + target.ConnectionString, _ => new NpgsqlDataSourceBuilder(target.ConnectionString).Build());
            var connection = await source.OpenConnectionAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken);
            await using var setup = connection.CreateCommand();
            setup.Transaction = transaction;
            setup.CommandText = $"SET LOCAL lock_timeout = {Math.Max(1, (long)lockTimeout.TotalMilliseconds)}; SET LOCAL statement_timeout = {Math.Max(1, (long)statementTimeout.TotalMilliseconds)}; {RoleQuery}";
            var session = new DatabaseSession(target, connection, transaction, statementTimeout) { SingleConnection = true };
            await using (var reader = await setup.ExecuteReaderAsync(cancellationToken))
            {
                session.RoleWarning = await ReadRoleWarningAsync(reader, cancellationToken);
            }

            return session;
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

    private const string RoleQuery = """
        SELECT r.rolname, r.rolsuper, r.rolreplication,
               pg_has_role(r.oid, 'pg_execute_server_program', 'MEMBER'), pg_has_role(r.oid, 'pg_write_server_files', 'MEMBER'),
               pg_has_role(r.oid, 'pg_signal_backend', 'MEMBER')
        FROM pg_roles r WHERE r.rolname = current_user
        """;

    private static async Task<string?> ReadRoleWarningAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        while (!await reader.ReadAsync(cancellationToken))
        {
            if (!await reader.NextResultAsync(cancellationToken))
            {
                return null;
            }
        }

        var role = reader.GetString(0);
        const string Advice = "a check only needs to read: connect as a read-only role (see docs/read-only-role.md)";
        if (reader.GetBoolean(1))
        {
            return $"the target connects as {role}, a superuser, which can write anything, run programs and read files on the server; {Advice}";
        }

        var powers = new List<string>();
        if (reader.GetBoolean(2))
        {
            powers.Add("REPLICATION");
        }

        string[] roles = ["pg_execute_server_program", "pg_write_server_files", "pg_signal_backend"];
        for (var i = 0; i < roles.Length; i++)
        {
            if (reader.GetBoolean(3 + i))
            {
                powers.Add(roles[i]);
            }
        }

        return powers.Count == 0 ? null : $"the target connects as {role}, which has {string.Join(", ", powers)}; {Advice}";
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
            await DiscardAsync();
        }

        await Connection.DisposeAsync();
    }

    /// <summary>
    /// Returns the pooled connection clean: DISCARD ALL drops session settings, LISTENs, advisory
    /// locks, prepared statements and temporary tables, so nothing a check did outlives it.
    /// </summary>
    private async Task DiscardAsync()
    {
        if (Connection is not NpgsqlConnection { State: System.Data.ConnectionState.Open } npgsql)
        {
            return;
        }

        try
        {
            await using var discard = npgsql.CreateCommand();
            discard.CommandText = "DISCARD ALL";
            discard.CommandTimeout = _commandTimeout;
            await discard.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (DbException)
        {
            // A connection that cannot be reset is not returned to the pool as it is.
            NpgsqlConnection.ClearPool(npgsql);
        }
    }
}
