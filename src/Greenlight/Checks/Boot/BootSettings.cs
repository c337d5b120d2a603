namespace Greenlight.Checks.Boot;

/// <summary>How to start the app and when it counts as up.</summary>
internal sealed record BootSettings(
    string Run,
    string? WorkingDirectory,
    IReadOnlyList<(string Name, string Value)> Environment,
    string? EnvFile,
    IReadOnlyList<string> PassEnvironment,
    bool InheritEnvironment,
    int? Port,
    string Ready,
    TimeSpan StopGrace,
    int OutputLines,
    ReadyStatus ReadyStatus);
