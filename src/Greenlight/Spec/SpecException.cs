namespace Greenlight.Spec;

/// <summary>The spec cannot be used; every error found is listed, not just the first.</summary>
internal sealed class SpecException(IReadOnlyList<SpecError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
