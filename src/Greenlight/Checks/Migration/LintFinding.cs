using Greenlight.Spec;

namespace Greenlight.Checks.Migration;

/// <summary>One hazard in one statement: rule, severity, where (line and column from 1, at the statement's first token), what and the fix.</summary>
internal sealed record LintFinding(string File, string Rule, Severity Severity, int Line, int Column, string Statement, string Message, string Fix)
{
    public bool Blocks => Severity is Severity.Critical or Severity.High;

    public string Location => $"{File}:{Line}:{Column}";
}
