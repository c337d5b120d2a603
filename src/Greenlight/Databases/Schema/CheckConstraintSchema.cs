namespace Greenlight.Databases.Schema;

/// <summary>A CHECK constraint by name, with its expression as the server writes it.</summary>
internal sealed record CheckConstraintSchema(string Name, string? Expression = null);
