namespace Greenlight.Processes;

/// <summary>A process to start: argv, environment, folder and how much output to keep.</summary>
internal sealed record ProcessRequest
{
    public required string FileName { get; init; }
    public IReadOnlyList<string> Arguments { get; init; } = [];
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public bool InheritEnvironment { get; init; } = true;
    public string? WorkingDirectory { get; init; }
    public long MaxOutputBytes { get; init; } = 1024 * 1024;
}
