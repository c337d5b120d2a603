namespace Greenlight.Processes;

/// <summary>How a process ended and what it printed (cut at the request's limit; totals kept).</summary>
internal sealed record ProcessOutcome(int ExitCode, string Stdout, long StdoutBytes, string Stderr, long StderrBytes, TimeSpan Duration);
