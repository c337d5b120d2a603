using Greenlight.Text;

namespace Greenlight.Assertions;

/// <summary>The subjects one kind of check offers, used to validate assertions when the spec loads.</summary>
internal sealed class SubjectCatalog(IReadOnlyList<SubjectDefinition> subjects, SubjectDefinition? fallback = null)
{
    public static readonly SubjectCatalog Empty = new([]);

    private static readonly string[] SampleFunctions = ["p50", "p90", "p95", "p99", "min", "max", "avg"];

    public IReadOnlyList<SubjectDefinition> Subjects { get; } = subjects;

    /// <summary>What any other name means, when the kind allows it (sql: a column of the first row).</summary>
    public SubjectDefinition? Fallback { get; } = fallback;

    /// <summary>Finds the subject's definition and the type of the value it yields, or explains why not.</summary>
    public SubjectDefinition Resolve(SubjectRef subject, out ValueKind? type)
    {
        var definition = Subjects.FirstOrDefault(s => s.Name == subject.Root) ?? (subject.Argument is null ? Fallback : null);
        if (definition is null)
        {
            var names = Subjects.Select(s => s.Display).ToList();
            var hint = DidYouMean.Suggest(subject.Root, Subjects.Select(s => s.Name));
            throw new AssertionSyntaxException(
                Subjects.Count == 0
                    ? "this kind of check has no subjects to assert on"
                    : $"unknown subject `{subject.Root}`{(hint is null ? "" : $"; did you mean `{hint}`?")} (this kind offers {string.Join(", ", names)})",
                subject.Column);
        }

        if (definition.ArgumentName is null && subject.Argument is not null)
        {
            throw new AssertionSyntaxException($"`{definition.Name}` takes no `.{subject.Argument}`", subject.Column);
        }

        if (definition.ArgumentName is not null && subject.Argument is null && definition.Name != "json")
        {
            throw new AssertionSyntaxException($"`{definition.Name}` needs a name: `{definition.Name}.{definition.ArgumentName}`", subject.Column);
        }

        type = definition.Type;
        if (subject.Function == "len")
        {
            type = ValueKind.Number;
        }
        else if (subject.Function is not null)
        {
            if (!definition.Sampled)
            {
                throw new AssertionSyntaxException($"`{subject.Function}()` applies to sampled values such as `duration`, not to `{definition.Name}`", subject.Column);
            }

            if (!SampleFunctions.Contains(subject.Function))
            {
                throw new AssertionSyntaxException($"unknown function `{subject.Function}`", subject.Column);
            }
        }

        return definition;
    }
}
