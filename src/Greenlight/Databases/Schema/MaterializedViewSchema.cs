namespace Greenlight.Databases.Schema;

/// <summary>A materialized view: its definition (pg_get_viewdef) and its indexes.</summary>
internal sealed record MaterializedViewSchema(string Definition)
{
    public List<IndexSchema> Indexes { get; init; } = [];
}
