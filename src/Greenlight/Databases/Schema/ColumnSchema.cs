namespace Greenlight.Databases.Schema;

/// <summary>A column. In an expectation, a null field is not checked.</summary>
internal sealed record ColumnSchema(string Name, string? Type, bool? Nullable = null, string? Default = null, bool? Identity = null, bool? PrimaryKey = null, bool? Unique = null);
