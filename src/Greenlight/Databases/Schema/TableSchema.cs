namespace Greenlight.Databases.Schema;

/// <summary>A table with what belongs to it. In an expectation, null or empty means "not checked".</summary>
internal sealed record TableSchema(string Name)
{
    public List<ColumnSchema> Columns { get; init; } = [];
    public IReadOnlyList<string>? PrimaryKey { get; init; }
    public List<IReadOnlyList<string>> Unique { get; init; } = [];
    public List<ForeignKeySchema> ForeignKeys { get; init; } = [];
    public List<CheckConstraintSchema> Checks { get; init; } = [];
    public List<IndexSchema> Indexes { get; init; } = [];
    public List<string> Triggers { get; init; } = [];

    /// <summary>Expectation only: also report columns that are not expected.</summary>
    public bool Exact { get; init; }

    public ColumnSchema? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);
}
