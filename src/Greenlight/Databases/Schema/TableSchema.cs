namespace Greenlight.Databases.Schema;

/// <summary>
/// A table with what belongs to it. In an expectation, null or empty means "not checked". Read from
/// a database (or a snapshot) the lists are complete: <see cref="Constraints"/> holds every
/// constraint by name with its server-written definition, <see cref="TriggerDefinitions"/> and
/// <see cref="Policies"/> their full definitions, and the partitioning, inheritance and
/// persistence of the table.
/// </summary>
internal sealed record TableSchema(string Name)
{
    public List<ColumnSchema> Columns { get; init; } = [];
    public IReadOnlyList<string>? PrimaryKey { get; init; }
    public List<IReadOnlyList<string>> Unique { get; init; } = [];
    public List<ForeignKeySchema> ForeignKeys { get; init; } = [];
    public List<CheckConstraintSchema> Checks { get; init; } = [];
    public List<IndexSchema> Indexes { get; init; } = [];
    public List<string> Triggers { get; init; } = [];

    public SortedDictionary<string, ConstraintSchema> Constraints { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Trigger name → CREATE TRIGGER statement (pg_get_triggerdef), with " -- disabled" etc. when not enabled.</summary>
    public SortedDictionary<string, string> TriggerDefinitions { get; init; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, PolicySchema> Policies { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Row-level security enabled / forced (for the owner too). Null in an expectation: not checked.</summary>
    public bool? RowSecurity { get; init; }

    public bool? ForceRowSecurity { get; init; }

    /// <summary>PARTITION BY clause of a partitioned table (pg_get_partkeydef), e.g. "RANGE (created_at)".</summary>
    public string? PartitionBy { get; init; }

    /// <summary>For a partition: its parent and its bound ("FOR VALUES FROM (…) TO (…)", "DEFAULT").</summary>
    public string? PartitionOf { get; init; }

    public string? PartitionBound { get; init; }

    /// <summary>Parents by table inheritance (INHERITS), not partitioning.</summary>
    public List<string> Inherits { get; init; } = [];

    public bool Unlogged { get; init; }

    /// <summary>Expectation only: also report columns that are not expected.</summary>
    public bool Exact { get; init; }

    public ColumnSchema? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);
}
