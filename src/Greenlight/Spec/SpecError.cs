namespace Greenlight.Spec;

/// <summary>One thing wrong with a spec, where it is and what was expected.</summary>
internal sealed record SpecError(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
