namespace Greenlight.Databases.Schema;

/// <summary>
/// A table constraint as the server writes it (pg_get_constraintdef), whatever its kind:
/// p primary key, u unique, f foreign key, c check, x exclusion. The definition carries
/// DEFERRABLE, INITIALLY DEFERRED and NOT VALID. <see cref="Inherited"/>: it comes from a parent.
/// </summary>
internal sealed record ConstraintSchema(string Kind, string Definition, bool Inherited = false);
