namespace Greenlight.Databases.Schema;

/// <summary>
/// A column. In an expectation, a null field is not checked. <see cref="Identity"/> means
/// "numbered by the database" (an identity column or a serial's nextval default), as a check
/// expects it; <see cref="IdentityGeneration"/> tells a real identity (<c>always</c> or
/// <c>by default</c>) from a serial, whose default stays a default. <see cref="Generated"/> is the
/// expression of a <c>GENERATED ALWAYS AS (…) STORED</c> column, never a default.
/// </summary>
internal sealed record ColumnSchema(
    string Name, string? Type, bool? Nullable = null, string? Default = null, bool? Identity = null, bool? PrimaryKey = null, bool? Unique = null,
    string? IdentityGeneration = null, string? Generated = null, string? Collation = null, bool Inherited = false);
