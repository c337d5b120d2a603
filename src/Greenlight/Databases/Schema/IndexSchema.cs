namespace Greenlight.Databases.Schema;

/// <summary>An index by name and/or columns; <see cref="Where"/> makes it partial.</summary>
internal sealed record IndexSchema(string? Name, IReadOnlyList<string>? Columns = null, bool? Unique = null, string? Where = null);
