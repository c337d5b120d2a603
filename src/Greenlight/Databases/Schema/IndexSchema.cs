namespace Greenlight.Databases.Schema;

/// <summary>
/// An index by name and/or columns; <see cref="Where"/> makes it partial. Read from a database it
/// also has its access method, its full definition (pg_get_indexdef: method, INCLUDE, operator
/// classes, expressions) and its validity: an INVALID index (a failed CREATE INDEX CONCURRENTLY)
/// is never used by the planner. <see cref="Inherited"/>: an index of a partition attached to the
/// partitioned table's index, which the parent's index creates.
/// </summary>
internal sealed record IndexSchema(string? Name, IReadOnlyList<string>? Columns = null, bool? Unique = null, string? Where = null)
{
    public bool? Valid { get; init; }

    public string? Method { get; init; }

    public string? Definition { get; init; }

    public bool Inherited { get; init; }
}
