namespace Greenlight.Databases.Schema;

/// <summary>A sequence that is not an identity column's: its type, numbers, cycle and the column that owns it (serial).</summary>
internal sealed record SequenceSchema(string Type, long Start, long Increment, long Min, long Max, long Cache, bool Cycle, string? OwnedBy);
