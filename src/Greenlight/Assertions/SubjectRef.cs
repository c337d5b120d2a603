namespace Greenlight.Assertions;

/// <summary>
/// What an assertion talks about: a root name ("status", "header", "json"), an optional argument
/// after the first dot ("Content-Type", "$.items[0].id") and an optional function around it
/// ("len", "p95").
/// </summary>
internal sealed record SubjectRef(string Root, string? Argument, string? Function, string Text, int Column)
{
    /// <summary>The subject without its function, e.g. "duration" for "p95(duration)".</summary>
    public SubjectRef Inner => Function is null ? this : this with { Function = null };
}
