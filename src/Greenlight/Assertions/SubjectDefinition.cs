namespace Greenlight.Assertions;

/// <summary>
/// A subject a kind offers. <see cref="Type"/> null means "any JSON value".
/// <see cref="ArgumentName"/> set means the subject takes an argument after a dot (header.NAME).
/// </summary>
internal sealed record SubjectDefinition(string Name, ValueKind? Type, string Description, string? ArgumentName = null, bool Sampled = false)
{
    public string Display => ArgumentName is null ? Name : ArgumentName.StartsWith('[') ? Name + ArgumentName : $"{Name}.{ArgumentName}";
}
