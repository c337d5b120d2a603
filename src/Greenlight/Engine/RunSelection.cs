using Greenlight.Spec;
using Greenlight.Text;

namespace Greenlight.Engine;

/// <summary>Picks the checks a run executes: those matching --phase and --only, plus everything they need.</summary>
internal static class RunSelection
{
    public static IReadOnlyList<CheckDefinition> Select(SpecDocument spec, RunOptions options)
    {
        var byId = spec.Checks.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var id in options.Only)
        {
            if (!byId.ContainsKey(id))
            {
                var hint = DidYouMean.Suggest(id, byId.Keys);
                throw new ArgumentException($"--only {id}: no check has that id{(hint is null ? "" : $"; did you mean `{hint}`?")}");
            }
        }

        var roots = spec.Checks.Where(c =>
            (options.Phase is null || c.Phase == options.Phase) &&
            (options.Only.Count == 0 || options.Only.Contains(c.Id)));

        var selected = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<CheckDefinition>(roots);
        while (stack.Count > 0)
        {
            var check = stack.Pop();
            if (!selected.Add(check.Id))
            {
                continue;
            }

            foreach (var need in check.Needs)
            {
                stack.Push(byId[need]);
            }
        }

        // Keep the spec's order: reports read top to bottom like the checklist.
        return [.. spec.Checks.Where(c => selected.Contains(c.Id))];
    }
}
