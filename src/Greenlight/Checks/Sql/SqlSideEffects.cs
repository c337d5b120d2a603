namespace Greenlight.Checks.Sql;

/// <summary>
/// Everything a sql check refuses before it runs, in one place: statements that change the
/// transaction, the session or the server, and functions whose effects PostgreSQL allows even in a
/// READ ONLY transaction. Statements outside the allow-list (SELECT, WITH … SELECT, VALUES, TABLE,
/// SHOW, EXPLAIN without ANALYZE) are refused anyway; naming them here gives the precise reason.
/// </summary>
internal static class SqlSideEffects
{
    private const string TransactionControl = "transaction control would end or change the read-only transaction the check runs in";
    private const string SessionState = "it changes the session or the transaction (read-write mode, settings), which must not outlive or undo the check";

    public static IReadOnlyList<SideEffect> All { get; } =
    [
        new(SideEffectKind.Statement, "begin", TransactionControl, "BEGIN"),
        new(SideEffectKind.Statement, "start", TransactionControl, "START TRANSACTION READ WRITE"),
        new(SideEffectKind.Statement, "commit", TransactionControl, "COMMIT"),
        new(SideEffectKind.Statement, "end", TransactionControl, "END"),
        new(SideEffectKind.Statement, "rollback", TransactionControl, "ROLLBACK"),
        new(SideEffectKind.Statement, "abort", TransactionControl, "ABORT"),
        new(SideEffectKind.Statement, "savepoint", TransactionControl, "SAVEPOINT s"),
        new(SideEffectKind.Statement, "release", TransactionControl, "RELEASE SAVEPOINT s"),
        new(SideEffectKind.Statement, "prepare", "PREPARE TRANSACTION would detach the transaction from the check (and PREPARE creates session state)", "PREPARE TRANSACTION 'gl'"),
        new(SideEffectKind.Statement, "set", SessionState, "SET TRANSACTION READ WRITE"),
        new(SideEffectKind.Statement, "reset", SessionState, "RESET transaction_read_only"),
        new(SideEffectKind.Statement, "discard", SessionState, "DISCARD ALL"),
        new(SideEffectKind.Statement, "copy", "COPY … TO PROGRAM runs a command on the database server, COPY … TO 'file' writes a file there, COPY … FROM writes a table", "COPY (SELECT 1) TO PROGRAM 'touch /tmp/gl'"),
        new(SideEffectKind.Statement, "notify", "NOTIFY sends a message to every listening session", "NOTIFY deploys, 'x'"),
        new(SideEffectKind.Statement, "listen", "LISTEN subscribes the session, which would outlive the check", "LISTEN deploys"),
        new(SideEffectKind.Statement, "lock", "LOCK TABLE takes an explicit lock that blocks other sessions", "LOCK TABLE t IN ACCESS EXCLUSIVE MODE"),
        new(SideEffectKind.Statement, "do", "a DO block runs procedural code this check cannot inspect", "DO $$ BEGIN PERFORM 1; END $$"),
        new(SideEffectKind.Statement, "call", "CALL runs a procedure, which may commit", "CALL refresh_all()"),
        new(SideEffectKind.Statement, "vacuum", "VACUUM (and VACUUM INTO on SQLite) changes or writes the database", "VACUUM INTO 'copy.db'"),
        new(SideEffectKind.Statement, "attach", "ATTACH opens another database file from the check", "ATTACH DATABASE 'other.db' AS other"),
        new(SideEffectKind.Statement, "detach", "DETACH changes the connection", "DETACH DATABASE other"),
        new(SideEffectKind.Function, "lo_import", "lo_import reads a server file into the database", "SELECT lo_import('/etc/passwd')"),
        new(SideEffectKind.Function, "lo_export", "lo_export writes a server file", "SELECT lo_export(1, '/tmp/x')"),
        new(SideEffectKind.Function, "pg_terminate_backend", "it ends another session", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"),
        new(SideEffectKind.Function, "pg_cancel_backend", "it cancels another session's query", "SELECT pg_cancel_backend(123)"),
        new(SideEffectKind.Function, "pg_create_physical_replication_slot", "it creates a replication slot, which holds WAL on the server", "SELECT pg_create_physical_replication_slot('gl')"),
        new(SideEffectKind.Function, "pg_create_logical_replication_slot", "it creates a replication slot, which holds WAL on the server", "SELECT pg_create_logical_replication_slot('gl', 'pgoutput')"),
        new(SideEffectKind.Function, "pg_drop_replication_slot", "it drops a replication slot", "SELECT pg_drop_replication_slot('gl')"),
        new(SideEffectKind.Function, "pg_copy_", "it copies a replication slot", "SELECT pg_copy_physical_replication_slot('a', 'b')", Prefix: true),
        new(SideEffectKind.Function, "pg_replication_slot_advance", "it advances a replication slot", "SELECT pg_replication_slot_advance('gl', '0/0')"),
        new(SideEffectKind.Function, "pg_logical_slot_get_", "it consumes a replication slot's changes", "SELECT * FROM pg_logical_slot_get_changes('gl', NULL, NULL)", Prefix: true),
        new(SideEffectKind.Function, "pg_logical_emit_message", "it writes a message to the WAL", "SELECT pg_logical_emit_message(true, 'gl', 'x')"),
        new(SideEffectKind.Function, "pg_stat_reset", "it resets the server's statistics", "SELECT pg_stat_reset_shared('bgwriter')", Prefix: true),
        new(SideEffectKind.Function, "pg_reload_conf", "it reloads the server's configuration", "SELECT pg_reload_conf()"),
        new(SideEffectKind.Function, "pg_rotate_logfile", "it rotates the server's log file", "SELECT pg_rotate_logfile()"),
        new(SideEffectKind.Function, "pg_switch_wal", "it forces a WAL switch", "SELECT pg_switch_wal()"),
        new(SideEffectKind.Function, "pg_create_restore_point", "it writes a restore point to the WAL", "SELECT pg_create_restore_point('gl')"),
        new(SideEffectKind.Function, "pg_promote", "it promotes a standby", "SELECT pg_promote()"),
        new(SideEffectKind.Function, "pg_notify", "it sends a message to every listening session", "SELECT pg_notify('deploys', 'x')"),
        new(SideEffectKind.Function, "pg_advisory_", "an advisory lock blocks other sessions and a session-level one outlives the check", "SELECT pg_advisory_lock(42)", Prefix: true),
        new(SideEffectKind.Function, "pg_try_advisory_", "an advisory lock blocks other sessions and a session-level one outlives the check", "SELECT pg_try_advisory_lock(42)", Prefix: true),
        new(SideEffectKind.Function, "dblink", "dblink opens another connection, where nothing is read-only", "SELECT * FROM dblink_exec('dbname=app', 'DELETE FROM t')", Prefix: true),
        new(SideEffectKind.Function, "nextval", "a sequence advances even when the transaction is rolled back", "SELECT nextval('orders_id_seq')"),
        new(SideEffectKind.Function, "setval", "it moves a sequence, which a rollback does not undo", "SELECT setval('orders_id_seq', 1)"),
        new(SideEffectKind.Function, "query_to_xml", "it runs SQL given as a string, which this check cannot inspect", "SELECT query_to_xml('SELECT pg_reload_conf()', true, false, '')", Prefix: true),
        new(SideEffectKind.Function, "set_config", "set_config with is_local = false changes the setting for the whole session, which outlives the check; write set_config(name, value, true)", "SELECT set_config('search_path', 'evil', false)"),
        new(SideEffectKind.Function, "load_extension", "it loads native code into SQLite", "SELECT load_extension('evil.so')"),
        new(SideEffectKind.Function, "writefile", "it writes a file", "SELECT writefile('x', 'y')"),
    ];

    public static SideEffect? Statement(string verb) => All.FirstOrDefault(e => e.Kind == SideEffectKind.Statement && e.Name == verb);

    public static SideEffect? Function(string name) => All.FirstOrDefault(e => e.Kind == SideEffectKind.Function && e.Matches(name));
}
