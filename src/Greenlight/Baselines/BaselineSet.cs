using Greenlight.Assertions;

namespace Greenlight.Baselines;

/// <summary>
/// The baseline of each check that names one: the last run of the spec that ended GO and has the
/// check (or the run given by <c>--baseline RUN</c>). A check without one gets an honest "no baseline".
/// </summary>
internal sealed class BaselineSet(IReadOnlyDictionary<string, BaselineRun> runs, string missing)
{
    public static BaselineSet None(string why) => new(new Dictionary<string, BaselineRun>(), why);

    public IBaselineSource For(string checkId) => new Source(runs.GetValueOrDefault(checkId), checkId, missing);

    public BaselineRun? RunOf(string checkId) => runs.GetValueOrDefault(checkId);

    /// <summary>Subject text without spaces, so `p95( duration )` and `p95(duration)` are one subject.</summary>
    public static string Key(string subject) => string.Concat(subject.Where(c => !char.IsWhiteSpace(c)));

    private sealed class Source(BaselineRun? run, string checkId, string missing) : IBaselineSource
    {
        public BaselineValue Find(SubjectRef subject)
        {
            if (run is null)
            {
                return BaselineValue.None(missing.Replace("{check}", checkId, StringComparison.Ordinal));
            }

            var values = run.Values.GetValueOrDefault(Key(subject.Text))?.Where(v => v.Kind is ValueKind.Number or ValueKind.Duration or ValueKind.Size && double.IsFinite(v.Number)).ToList() ?? [];
            if (values.Count == 0)
            {
                return BaselineValue.None($"no baseline: {run.Describe(0)} recorded no value of `{subject.Text}` for {checkId}");
            }

            var sorted = values.OrderBy(v => v.Number).ToList();
            var middle = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2].Number : (sorted[(sorted.Count / 2) - 1].Number + sorted[sorted.Count / 2].Number) / 2;
            var value = sorted[0].Kind switch
            {
                ValueKind.Duration => AssertionValue.FromMilliseconds(middle),
                ValueKind.Size => AssertionValue.FromBytes(middle),
                _ => AssertionValue.FromNumber(middle),
            };
            return new BaselineValue(value, run.Describe(values.Count));
        }
    }
}
