namespace Greenlight.Checks.Rule;

/// <summary>One place a convention is broken: file, line, column, the line itself and why.</summary>
internal sealed record RuleViolation(string File, int Line, int Column, string LineText, string Message)
{
    public string Describe() => $"{File}:{Line}:{Column}: {Message}";
}
