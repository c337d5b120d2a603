namespace Greenlight.Spec;

/// <summary>How much a failure matters to the verdict.</summary>
internal enum Severity
{
    Low,
    Medium,
    High,
    Critical,
}
