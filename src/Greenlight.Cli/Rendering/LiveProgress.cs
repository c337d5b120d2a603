using Greenlight.Assertions;
using Greenlight.Engine;
using Greenlight.Spec;
using Spectre.Console;

namespace Greenlight.Cli.Rendering;

/// <summary>
/// Shows checks as they finish: one line each (only failures when there are many), so a long
/// run never looks stuck. Thread-safe: the engine calls it from many checks at once.
/// </summary>
internal sealed class LiveProgress(IAnsiConsole console) : IRunObserver
{
    private const int QuietAbove = 50;
    private readonly Lock _lock = new();
    private int _total;
    private int _done;

    public void RunStarted(string runId, DateTimeOffset startedAt, IReadOnlyList<CheckDefinition> checks)
    {
        _total = checks.Count;
        console.MarkupLine($"[grey]Running {checks.Count} check{(checks.Count == 1 ? "" : "s")}…[/]");
    }

    public void CheckStarted(CheckDefinition check)
    {
    }

    /// <summary>"api.health: attempt 3/10 failed: connection refused; next in 3s", as it happens.</summary>
    public void AttemptFailed(CheckDefinition check, AttemptRecord attempt, int maxAttempts, TimeSpan nextDelay)
    {
        lock (_lock)
        {
            console.MarkupLine($"  [yellow]↻[/] {Markup.Escape(check.Id)}: attempt {attempt.Number}/{maxAttempts} failed: " +
                $"{Markup.Escape(OutcomeStyle.Shorten(attempt.Message ?? "", 100))}; next in {Units.FormatDuration(nextDelay.TotalMilliseconds)}");
        }
    }

    public void CheckFinished(CheckResult result)
    {
        lock (_lock)
        {
            _done++;
            if (_total > QuietAbove && result.Outcome == CheckOutcome.Pass && !result.Warned)
            {
                if (_done % 100 == 0)
                {
                    console.MarkupLine($"[grey]  {_done}/{_total} done[/]");
                }

                return;
            }

            var detail = result.Outcome == CheckOutcome.Pass
                ? string.Join("; ", new[] { result.Flaky ? $"passed on attempt {result.Attempts}" : null, result.Warned ? "warning: " + string.Join("; ", result.Warnings) : null }.OfType<string>())
                : result.Message ?? "";
            console.MarkupLine($"  {OutcomeStyle.Icon(result)} {Markup.Escape(result.Id)} [grey]{Units.FormatDuration(result.DurationMs)}[/] {Markup.Escape(OutcomeStyle.Shorten(detail, 100))}");
        }
    }
}
