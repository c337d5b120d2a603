namespace Greenlight.Spec;

/// <summary>A <c>${check.id.name}</c> found in a check's field, validated once all checks are read.</summary>
internal sealed record CaptureReference(string FromCheck, string CheckId, string Name, SourceLocation Location);
