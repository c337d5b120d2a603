namespace Greenlight.Databases.Schema;

/// <summary>
/// A database's schema, as read from the live database, loaded from a snapshot, or written in a
/// <c>schema</c> check. Objects of <see cref="Namespace"/> have bare names; objects of the other
/// schemas in <see cref="Schemas"/> are qualified ("audit.events"), so one model covers every user
/// schema. <see cref="Complete"/>: read from a database or a full snapshot (every list is the whole
/// truth), as opposed to an expectation that names only what it checks.
/// </summary>
internal sealed record DatabaseSchema
{
    public string Namespace { get; init; } = "public";
    public SortedDictionary<string, TableSchema> Tables { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Plain views: name → normalised definition (pg_get_viewdef). Materialized views are in <see cref="MaterializedViews"/>.</summary>
    public SortedDictionary<string, string?> Views { get; init; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, IReadOnlyList<string>> Enums { get; init; } = new(StringComparer.Ordinal);
    public List<string> Extensions { get; init; } = [];
    public List<string> Functions { get; init; } = [];

    /// <summary>Every schema read (the namespace first); empty means only <see cref="Namespace"/>.</summary>
    public List<string> Schemas { get; init; } = [];

    public bool Complete { get; init; }

    public SortedDictionary<string, string> ExtensionVersions { get; init; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, MaterializedViewSchema> MaterializedViews { get; init; } = new(StringComparer.Ordinal);

    /// <summary>View or materialized view → the tables, views and materialized views it reads (pg_depend).</summary>
    public SortedDictionary<string, List<string>> ViewDependencies { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Functions, procedures and aggregates by signature ("name(integer, text)").</summary>
    public SortedDictionary<string, RoutineSchema> Routines { get; init; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, SequenceSchema> Sequences { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Domains and composite types.</summary>
    public SortedDictionary<string, TypeSchema> Types { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Grants and default privileges by <see cref="GrantSchema.Key"/>.</summary>
    public SortedDictionary<string, GrantSchema> Grants { get; init; } = new(StringComparer.Ordinal);

    /// <summary>"TABLE public.t", "COLUMN public.t.c", "FUNCTION f(integer)" … → comment text.</summary>
    public SortedDictionary<string, string> Comments { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Features the database uses that the model does not compare ("2 event triggers").</summary>
    public List<string> NotCompared { get; init; } = [];

    /// <summary>Qualified name of an object in schema <paramref name="nspname"/>: bare in <see cref="Namespace"/>.</summary>
    public string Qualify(string nspname, string name) => nspname == Namespace ? name : $"{nspname}.{name}";
}
