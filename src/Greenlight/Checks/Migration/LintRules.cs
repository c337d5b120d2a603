using Greenlight.Spec;

namespace Greenlight.Checks.Migration;

/// <summary>
/// Every rule `migrate lint` and the migration check apply, listed once. The ids are a contract
/// (the JSON output, <c>allow:</c> and <c>-- greenlight:allow</c> name them): never rename one.
/// Rules about locks and rewrites (<see cref="LintRule.AboutLocks"/>) are downgraded to low on a
/// table the dry-run found tiny, and skipped for a table the same migration set creates.
/// </summary>
internal static class LintRules
{
    public static readonly LintRule DropTable = new("drop-table", Severity.High, "Keep the table until no code reads it; take a backup and drop it in a later release.");
    public static readonly LintRule DropColumn = new("drop-column", Severity.High, "Stop reading and writing the column first; drop it in a later release, after a backup.");
    public static readonly LintRule RenameTable = new("rename-table", Severity.High, "Running code still uses the old name: create the new name (or a view), move the code, then drop the old one.");
    public static readonly LintRule RenameColumn = new("rename-column", Severity.High, "Add the new column, write both, backfill, move the reads, then drop the old column.");
    public static readonly LintRule ChangeColumnType = new("change-column-type", Severity.High, "Add a column of the new type, backfill it in batches, switch the code, then drop the old one (varchar(n) to text or a wider varchar needs no rewrite).", AboutLocks: true);
    public static readonly LintRule AddColumnNotNullNoDefault = new("add-column-not-null-no-default", Severity.High, "Add the column nullable or with a constant DEFAULT, backfill it, then SET NOT NULL.", AboutLocks: true);
    public static readonly LintRule SetNotNull = new("set-not-null", Severity.Medium, "ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the check.", AboutLocks: true);
    public static readonly LintRule VolatileDefaultRewrite = new("volatile-default-rewrite", Severity.High, "Add the column without a default (or with a constant one), then SET DEFAULT and backfill in batches.", AboutLocks: true);
    public static readonly LintRule CreateIndexNotConcurrently = new("create-index-not-concurrently", Severity.Medium, "Write CREATE INDEX CONCURRENTLY (outside a transaction), so writes go on while the index builds.", AboutLocks: true);
    public static readonly LintRule AddForeignKeyWithoutNotValid = new("add-foreign-key-without-not-valid", Severity.Medium, "Add the foreign key NOT VALID, then VALIDATE CONSTRAINT in a separate statement.", AboutLocks: true);
    public static readonly LintRule AddCheckWithoutNotValid = new("add-check-without-not-valid", Severity.Medium, "Add the check NOT VALID, then VALIDATE CONSTRAINT in a separate statement.", AboutLocks: true);
    public static readonly LintRule AddUniqueWithoutIndex = new("add-unique-without-index", Severity.Medium, "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … UNIQUE USING INDEX.", AboutLocks: true);
    public static readonly LintRule AddPrimaryKeyWithoutIndex = new("add-primary-key-without-index", Severity.Medium, "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … PRIMARY KEY USING INDEX.", AboutLocks: true);
    public static readonly LintRule CreateWithoutIfNotExists = new("create-without-if-not-exists", Severity.Low, "Write CREATE … IF NOT EXISTS (ADD COLUMN IF NOT EXISTS), so running the file twice is safe.");
    public static readonly LintRule UpdateWithoutWhere = new("update-without-where", Severity.High, "Add a WHERE clause, or batch the update by key ranges.");
    public static readonly LintRule DeleteWithoutWhere = new("delete-without-where", Severity.High, "Add a WHERE clause; if emptying the table is the point, say so with -- greenlight:allow delete-without-where.");
    public static readonly LintRule Truncate = new("truncate", Severity.High, "Remove it, or say that emptying the table is the point with -- greenlight:allow truncate.");
    public static readonly LintRule VacuumFullOrCluster = new("vacuum-full-or-cluster", Severity.High, "Use plain VACUUM or pg_repack: VACUUM FULL and CLUSTER hold ACCESS EXCLUSIVE while they rewrite the table.", AboutLocks: true);
    public static readonly LintRule TransactionLeftOpen = new("transaction-left-open", Severity.High, "End the transaction with COMMIT in the same file.");
    public static readonly LintRule MissingLockTimeout = new("missing-lock-timeout", Severity.Medium, "Start the file with SET lock_timeout = '2s', so the migration fails fast instead of queueing every query behind its lock.", AboutLocks: true);
    public static readonly LintRule DependsOnLaterObject = new("depends-on-later-object", Severity.High, "Order the files so every object is created before anything uses it.");

    public static IReadOnlyList<LintRule> All { get; } =
    [
        DropTable, DropColumn, RenameTable, RenameColumn, ChangeColumnType, AddColumnNotNullNoDefault, SetNotNull, VolatileDefaultRewrite,
        CreateIndexNotConcurrently, AddForeignKeyWithoutNotValid, AddCheckWithoutNotValid, AddUniqueWithoutIndex, AddPrimaryKeyWithoutIndex,
        CreateWithoutIfNotExists, UpdateWithoutWhere, DeleteWithoutWhere, Truncate, VacuumFullOrCluster, TransactionLeftOpen, MissingLockTimeout,
        DependsOnLaterObject,
    ];

    public static LintRule? Find(string id) => All.FirstOrDefault(r => r.Id == id);
}
