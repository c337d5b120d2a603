namespace Greenlight.Databases.Schema;

/// <summary>
/// Where a statement goes in a fix-up script. Ordered by what depends on what: views and triggers
/// come down before the tables, types and functions under them change, keys before the foreign
/// keys that reference them, functions before the triggers that call them, and every drop of an
/// object only in A last, once nothing uses it.
/// </summary>
internal static class SchemaPhase
{
    /// <summary>Outside the transaction: ALTER TYPE … ADD VALUE (a new value cannot be used in the transaction that adds it).</summary>
    public const int OutsideTransaction = 0;
    public const int Schemas = 1;
    public const int DropViews = 2;
    public const int DropTriggers = 3;
    public const int DropForeignKeys = 4;
    public const int Types = 5;
    public const int Sequences = 6;
    public const int Functions = 7;
    public const int Tables = 8;
    public const int Columns = 9;
    public const int DropConstraints = 10;
    public const int AddConstraints = 11;
    public const int AddForeignKeys = 12;
    public const int Indexes = 13;
    public const int SequenceOwners = 14;
    public const int Triggers = 15;
    public const int Policies = 16;
    public const int CreateViews = 17;
    public const int Privileges = 18;
    public const int Comments = 19;
    public const int DropColumns = 20;
    public const int DropTables = 21;
    public const int DropRoutines = 22;
    public const int DropTypes = 23;
    public const int DropSchemas = 24;
}
