namespace Greenlight.Databases.Schema;

/// <summary>
/// One difference between two schemas, grouped by <see cref="Table"/> ("" for database-wide
/// objects), with the SQL that brings A to B when it can be written; destructive statements
/// (drops, type changes) are only written when allowed.
/// </summary>
internal sealed record SchemaChange(string Table, string Description, string? Sql, bool Destructive = false);
