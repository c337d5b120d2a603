using Greenlight.Spec;

namespace Greenlight.Checks.Migration;

/// <summary>A migration lint rule: its fixed id, its severity when nothing is known of the table, and the fix.</summary>
internal sealed record LintRule(string Id, Severity Severity, string Fix, bool AboutLocks = false);
