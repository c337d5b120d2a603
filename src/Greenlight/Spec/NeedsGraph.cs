using Greenlight.Text;

namespace Greenlight.Spec;

/// <summary>The graph <c>needs</c> and captured values draw between checks: every edge exists, no cycle.</summary>
internal static class NeedsGraph
{
    public static void Validate(List<CheckDefinition> checks, SpecReadContext context)
    {
        var byId = checks.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var check in checks)
        {
            for (var i = 0; i < check.Needs.Count; i++)
            {
                var need = check.Needs[i];
                if (need == check.Id)
                {
                    context.Error(check.NeedLocation(i), $"check `{check.Id}` needs itself");
                }
                else if (!byId.ContainsKey(need))
                {
                    var hint = DidYouMean.Suggest(need, byId.Keys);
                    context.Error(check.NeedLocation(i), $"`needs`: no check has id `{need}`{(hint is null ? "" : $"; did you mean `{hint}`?")}");
                }
            }
        }

        ReportCycles(checks, byId, context);
        ValidateCaptureReferences(byId, context);
    }

    /// <summary>Depth-first search without recursion (a spec may chain thousands of checks); each cycle is reported once.</summary>
    private static void ReportCycles(List<CheckDefinition> checks, Dictionary<string, CheckDefinition> byId, SpecReadContext context)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in checks)
        {
            if (state.GetValueOrDefault(start.Id) != 0)
            {
                continue;
            }

            var path = new List<string>();
            var stack = new Stack<(CheckDefinition Check, int Next)>();
            stack.Push((start, 0));
            state[start.Id] = 1;
            path.Add(start.Id);
            while (stack.Count > 0)
            {
                var (check, next) = stack.Pop();
                if (next >= check.Needs.Count)
                {
                    state[check.Id] = 2;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                stack.Push((check, next + 1));
                var need = check.Needs[next];
                if (need == check.Id || !byId.TryGetValue(need, out var target))
                {
                    continue;
                }

                switch (state.GetValueOrDefault(need))
                {
                    case 0:
                        state[need] = 1;
                        path.Add(need);
                        stack.Push((target, 0));
                        break;
                    case 1:
                        {
                            var cycle = path.Skip(path.IndexOf(need)).Append(need).ToList();
                            var key = string.Join(",", cycle.Skip(1).Order(StringComparer.Ordinal));
                            if (reported.Add(key))
                            {
                                context.Error(target.Location, $"`needs` form a cycle: {string.Join(" → ", cycle)}");
                            }

                            break;
                        }
                }
            }
        }
    }

    private static void ValidateCaptureReferences(Dictionary<string, CheckDefinition> byId, SpecReadContext context)
    {
        foreach (var written in context.CaptureReferences)
        {
            var reference = byId.ContainsKey(written.CheckId) ? written : written with { CheckId = CaptureNames.Canonical(written.CheckId + ".x")[..^2] };
            if (!byId.TryGetValue(reference.CheckId, out var source))
            {
                var hint = DidYouMean.Suggest(reference.CheckId, byId.Keys);
                context.Error(reference.Location, $"`${{{reference.CheckId}.{reference.Name}}}`: no check has id `{reference.CheckId}`{(hint is null ? "" : $"; did you mean `{hint}`?")}");
                continue;
            }

            if (source.Captures.All(c => c.Name != reference.Name))
            {
                context.Error(reference.Location, $"`${{{reference.CheckId}.{reference.Name}}}`: check `{reference.CheckId}` captures no `{reference.Name}`" +
                    (source.Captures.Count == 0 ? "; add it under its `capture`" : $" (it captures {string.Join(", ", source.Captures.Select(c => c.Name))})"));
                continue;
            }

            if (!NeedsTransitively(reference.FromCheck, reference.CheckId, byId))
            {
                context.Error(reference.Location, $"`${{{reference.CheckId}.{reference.Name}}}`: check `{reference.FromCheck}` must list `{reference.CheckId}` under `needs` to use its captured values");
            }
        }
    }

    private static bool NeedsTransitively(string from, string target, Dictionary<string, CheckDefinition> byId)
    {
        var stack = new Stack<string>([from]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!seen.Add(id) || !byId.TryGetValue(id, out var check))
            {
                continue;
            }

            foreach (var need in check.Needs)
            {
                if (need == target)
                {
                    return true;
                }

                stack.Push(need);
            }
        }

        return false;
    }
}
