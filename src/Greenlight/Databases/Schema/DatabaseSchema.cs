namespace Greenlight.Databases.Schema;

/// <summary>
/// A database's schema in one namespace (PostgreSQL schema, or the SQLite file), as read from the
/// live database, loaded from a snapshot, or written in a <c>schema</c> check.
/// </summary>
internal sealed record DatabaseSchema
{
    public string Namespace { get; init; } = "public";
    public SortedDictionary<string, TableSchema> Tables { get; init; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string?> Views { get; init; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, IReadOnlyList<string>> Enums { get; init; } = new(StringComparer.Ordinal);
    public List<string> Extensions { get; init; } = [];
    public List<string> Functions { get; init; } = [];
}
