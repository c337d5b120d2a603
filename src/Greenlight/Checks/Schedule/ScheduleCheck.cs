using System.Globalization;
using System.Text;
using Greenlight.Assertions;

namespace Greenlight.Checks.Schedule;

/// <summary>
/// Asks the clock (the run's <see cref="TimeProvider"/>) whether a deploy may happen now: after
/// <c>not_before</c>, and outside every <c>freeze</c> window, in the gate's time zone.
/// </summary>
internal sealed class ScheduleCheck(TimeZoneInfo zone, DateTime? notBefore, IReadOnlyList<FreezeRule> freeze) : ICheck
{
    public Task<Observation> ObserveAsync(CheckRunContext context, CancellationToken cancellationToken)
    {
        var utc = context.Time.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(utc, zone).DateTime;
        var shownNow = $"{FreezeRule.Format(local)} {zone.Id}";
        var evidence = new StringBuilder();
        evidence.AppendLine(CultureInfo.InvariantCulture, $"now: {shownNow} ({utc.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})");

        var early = notBefore is { } nb && local < nb;
        var frozenBy = freeze.FirstOrDefault(r => r.Covers(local));
        var observation = new Observation { Subjects = new ScheduleSubjects(local, early, frozenBy is not null) };
        if (notBefore is { } start)
        {
            var expected = $"at or after {FreezeRule.Format(start)} {zone.Id}";
            evidence.AppendLine($"not_before: {expected}: {(early ? "too early" : "reached")}");
            observation.Findings.Add(new AssertionResult($"not before {FreezeRule.Format(start)} {zone.Id}", !early, shownNow, expected));
        }

        foreach (var rule in freeze)
        {
            evidence.AppendLine($"freeze {rule.Describe()}: {(rule.Covers(local) ? "in force now" : "not now")}");
        }

        if (freeze.Count > 0)
        {
            var actual = frozenBy is null ? shownNow : $"{shownNow}, frozen by `{frozenBy.Describe()}` until {FreezeRule.Format(Until(local))}";
            observation.Findings.Add(new AssertionResult("outside every freeze window", frozenBy is null, actual, "no freeze in force"));
        }

        observation.Evidence.Add(new EvidenceItem("schedule", evidence.ToString().TrimEnd()));
        return Task.FromResult(observation);
    }

    /// <summary>When the freeze in force ends (overlapping windows are followed), a week at most.</summary>
    private DateTime Until(DateTime local)
    {
        var end = local;
        for (var guard = 0; guard < 64; guard++)
        {
            var rule = freeze.FirstOrDefault(r => r.Covers(end));
            if (rule is null)
            {
                break;
            }

            end = rule.EndAfter(end);
        }

        return end;
    }

    private sealed class ScheduleSubjects(DateTime local, bool early, bool frozen) : ISubjectSource
    {
        public AssertionValue Resolve(SubjectRef subject) => subject.Root switch
        {
            "frozen" => AssertionValue.FromBool(frozen),
            "open" => AssertionValue.FromBool(!frozen && !early),
            "local_time" => AssertionValue.FromString(local.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            "weekday" => AssertionValue.FromString(local.DayOfWeek.ToString()[..3].ToLowerInvariant()),
            "hour" => AssertionValue.FromNumber(local.Hour),
            _ => AssertionValue.Missing,
        };
    }
}
