using Greenlight.Secrets;

namespace Greenlight.Spec;

/// <summary>The spec cannot be used; every error found is listed, not just the first.</summary>
internal sealed class SpecException(IReadOnlyList<SpecError> errors, Redactor? redactor = null)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => (redactor ?? Redactor.None).Redact(e.ToString()))))
{
    public IReadOnlyList<SpecError> Errors { get; } = errors;

    /// <summary>
    /// Knows every secret the spec's variables hold (environment, .env, vars, secrets:, URL passwords),
    /// so whoever prints <see cref="Errors"/> masks them: a message may quote a value it could not use.
    /// </summary>
    public Redactor Redactor { get; } = redactor ?? Redactor.None;
}
