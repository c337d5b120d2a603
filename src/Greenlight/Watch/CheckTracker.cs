using Greenlight.Alerts;
using Greenlight.Spec;

namespace Greenlight.Watch;

/// <summary>
/// One check's counters over a window and the decision they lead to. Fed the measurements in tick
/// order (live, or replayed from the store on --resume, which gives the same state).
/// </summary>
internal sealed class CheckTracker(CheckDefinition check, WatchRules rules)
{
    public const int TrendLength = 30;

    private readonly Queue<double?> _trend = new();

    public CheckDefinition Check { get; } = check;
    public WatchRules Rules { get; } = rules;

    public int Passes { get; private set; }
    public int Failures { get; private set; }
    public int Errors { get; private set; }
    public int Inconclusives { get; private set; }
    public int ConsecutivePasses { get; private set; }
    public int ConsecutiveFailures { get; private set; }
    public int ConsecutiveErrors { get; private set; }
    public int Measurements => Passes + Failures + Errors + Inconclusives;

    /// <summary>Null while the check is still being watched; set once a limit decides it, or at the window's end.</summary>
    public MeasurementOutcome? Decision { get; private set; }

    /// <summary>Why it was decided ("3 failures in a row (consecutive_failure_limit 3)").</summary>
    public string? Reason { get; private set; }

    public Measurement? Last { get; private set; }
    public int LastTick { get; private set; } = -1;

    public IReadOnlyCollection<double?> Trend => _trend;

    public bool Decided => Decision is not null;

    /// <summary>Counts one measurement and returns the state changes it caused (to alert on).</summary>
    public IReadOnlyList<AlertEventKind> Record(Measurement measurement)
    {
        var events = new List<AlertEventKind>();
        var wasFailing = Last?.Outcome == MeasurementOutcome.Fail;
        Last = measurement;
        LastTick = measurement.Tick;
        _trend.Enqueue(measurement.Number);
        while (_trend.Count > TrendLength)
        {
            _trend.Dequeue();
        }

        switch (measurement.Outcome)
        {
            case MeasurementOutcome.Pass:
                Passes++;
                ConsecutivePasses++;
                (ConsecutiveFailures, ConsecutiveErrors) = (0, 0);
                break;
            case MeasurementOutcome.Fail:
                Failures++;
                ConsecutiveFailures++;
                (ConsecutivePasses, ConsecutiveErrors) = (0, 0);
                break;
            case MeasurementOutcome.Error:
                // An error says nothing about the release: it breaks no pass or failure streak.
                Errors++;
                ConsecutiveErrors++;
                break;
            default:
                Inconclusives++;
                (ConsecutivePasses, ConsecutiveErrors) = (0, 0);
                break;
        }

        if (measurement.Outcome == MeasurementOutcome.Fail && !wasFailing)
        {
            events.Add(AlertEventKind.CheckFailing);
        }
        else if (measurement.Outcome == MeasurementOutcome.Pass && wasFailing)
        {
            events.Add(AlertEventKind.CheckRecovered);
        }

        if (Decided)
        {
            return events;
        }

        if (Rules.EffectiveFailureLimit is { } total && Failures > total)
        {
            Decide(MeasurementOutcome.Fail, $"{Failures} failed measurement{(Failures == 1 ? "" : "s")} (failure_limit {total})");
        }
        else if (Rules.ConsecutiveFailureLimit is { } streak && ConsecutiveFailures >= streak)
        {
            Decide(MeasurementOutcome.Fail, $"{ConsecutiveFailures} failures in a row (consecutive_failure_limit {streak})");
        }
        else if (ConsecutiveErrors >= Rules.ConsecutiveErrorLimit)
        {
            Decide(MeasurementOutcome.Error, $"{ConsecutiveErrors} errors in a row (consecutive_error_limit {Rules.ConsecutiveErrorLimit}): {measurement.Message}");
        }
        else if (Rules.InconclusiveLimit is { } inconclusive && Inconclusives > inconclusive)
        {
            Decide(MeasurementOutcome.Inconclusive, $"{Inconclusives} inconclusive measurements (inconclusive_limit {inconclusive})");
        }
        else if (Rules.ConsecutiveSuccessLimit is { } success && ConsecutivePasses >= success && Passes + Failures >= Rules.MinSamples)
        {
            Decide(MeasurementOutcome.Pass, $"{ConsecutivePasses} passes in a row (consecutive_success_limit {success}): passed early");
        }

        if (Decided)
        {
            events.Add(AlertEventKind.LimitReached);
        }

        return events;
    }

    /// <summary>At the window's end: a check no limit decided passes with enough conclusive measurements, else it is inconclusive.</summary>
    public void Close()
    {
        if (Decided)
        {
            return;
        }

        var conclusive = Passes + Failures;
        if (conclusive >= Math.Max(1, Rules.MinSamples))
        {
            Decide(MeasurementOutcome.Pass, Failures == 0 ? $"{Passes} of {Measurements} measurements passed" : $"{Failures} failure{(Failures == 1 ? "" : "s")} within the limits over {Measurements} measurements");
        }
        else
        {
            Decide(MeasurementOutcome.Inconclusive, Measurements == 0
                ? "never measured"
                : $"only {conclusive} conclusive measurement{(conclusive == 1 ? "" : "s")} of {Measurements} (min_samples {Math.Max(1, Rules.MinSamples)}){(Last?.Message is { } m ? ": " + m : "")}");
        }
    }

    /// <summary>The limits as one line, for the live view and alerts.</summary>
    public string DescribeLimits()
    {
        var parts = new List<string>();
        if (Rules.EffectiveFailureLimit is { } f)
        {
            parts.Add($"fails {Failures}/{f + 1}");
        }

        if (Rules.ConsecutiveFailureLimit is { } cf)
        {
            parts.Add($"in a row {ConsecutiveFailures}/{cf}");
        }

        parts.Add($"errors {ConsecutiveErrors}/{Rules.ConsecutiveErrorLimit}");
        if (Rules.ConsecutiveSuccessLimit is { } cs)
        {
            parts.Add($"passes {ConsecutivePasses}/{cs}");
        }

        if (Rules.InconclusiveLimit is { } i)
        {
            parts.Add($"inconclusive {Inconclusives}/{i + 1}");
        }

        return string.Join(", ", parts);
    }

    private void Decide(MeasurementOutcome outcome, string reason)
    {
        Decision = outcome;
        Reason = reason;
    }
}
