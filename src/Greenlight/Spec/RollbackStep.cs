namespace Greenlight.Spec;

/// <summary>
/// One step of the way back: a shell command with its env, folder and timeout, run only by
/// <c>greenlight rollback</c> (or --rollback-on-fail / --rollback-on-no-go).
/// </summary>
internal sealed record RollbackStep(string Run, SourceLocation Location)
{
    public string? Name { get; init; }
    public IReadOnlyList<(string Name, string Value)> Env { get; init; } = [];
    public string? Cwd { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    public string DisplayName => Name ?? Run;
}
