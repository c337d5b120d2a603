namespace Greenlight.Spec;

/// <summary>A problem met while expanding ${…}: an error stops the load, a warning does not.</summary>
internal sealed record InterpolationIssue(bool IsError, string Message, int Offset);
