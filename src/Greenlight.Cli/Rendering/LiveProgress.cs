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

    public void CheckFinished(CheckResult result)
    {
        lock (_lock)
        {
            _done++;
            if (_total > QuietAbove && result.Outcome == CheckOutcome.Pass)
            {
                if (_done % 100 == 0)
                {
                    console.MarkupLine($"[grey]  {_done}/{_total} done[/]");
                }

                return;
            }

            var detail = result.Outcome == CheckOutcome.Pass
                ? (result.Flaky ? $"passed on attempt {result.Attempts}" : "")
                : result.Message ?? "";
            console.MarkupLine($"  {OutcomeStyle.Icon(result.Outcome)} {Markup.Escape(result.Id)} [grey]{result.DurationMs}ms[/] {Markup.Escape(OutcomeStyle.Shorten(detail, 100))}");
        }
    }
}
