namespace Greenlight.Databases.Schema;

/// <summary>
/// A user type other than an enum: a domain (base type, NOT NULL, default, named checks) or a
/// composite type (its attributes in order, each "name type").
/// </summary>
internal sealed record TypeSchema(string Kind)
{
    public string? BaseType { get; init; }

    public bool NotNull { get; init; }

    public string? Default { get; init; }

    public SortedDictionary<string, string> Checks { get; init; } = new(StringComparer.Ordinal);

    public List<(string Name, string Type)> Attributes { get; init; } = [];
}
