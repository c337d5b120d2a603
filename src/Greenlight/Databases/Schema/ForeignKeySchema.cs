namespace Greenlight.Databases.Schema;

/// <summary>A foreign key: columns → table(columns) with its ON DELETE / ON UPDATE actions ("no action" when none was given).</summary>
internal sealed record ForeignKeySchema(string? Name, IReadOnlyList<string> Columns, string ReferencedTable, IReadOnlyList<string> ReferencedColumns, string? OnDelete = null, string? OnUpdate = null)
{
    public string References => $"{ReferencedTable}({string.Join(", ", ReferencedColumns)})";

    public string Describe => $"({string.Join(", ", Columns)}) → {References}";
}
