using Greenlight.Spec;

namespace Greenlight.Engine;

/// <summary>The lower-case codes severities, phases and outcomes have in reports and the store.</summary>
internal static class ResultCodes
{
    public static string Code(this Severity severity) => severity.ToString().ToLowerInvariant();

    public static string Code(this Phase phase) => phase.ToString().ToLowerInvariant();

    public static string Code(this CheckOutcome outcome) => outcome.ToString().ToLowerInvariant();

    public static Severity ParseSeverity(string code) => Enum.Parse<Severity>(code, ignoreCase: true);

    public static Phase ParsePhase(string code) => Enum.Parse<Phase>(code, ignoreCase: true);

    public static CheckOutcome ParseOutcome(string code) => Enum.Parse<CheckOutcome>(code, ignoreCase: true);
}
