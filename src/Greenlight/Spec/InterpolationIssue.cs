namespace Greenlight.Spec;

/// <summary>
/// A problem met while expanding ${…}: an error stops the load, a warning does not.
/// <see cref="UnsetVariable"/> names the variable when the problem is that it is not set.
/// </summary>
internal sealed record InterpolationIssue(bool IsError, string Message, int Offset, string? UnsetVariable = null);
