using Greenlight.Secrets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Spec;

/// <summary>State shared while one spec file is read: its name, the scope, and what went wrong.</summary>
internal sealed class SpecReadContext(string file, VariableScope scope, string directory = ".")
{
    public string File { get; } = file;

    /// <summary>The spec's folder, for files a spec names (snapshots).</summary>
    public string Directory { get; } = directory;
    public VariableScope Scope { get; } = scope;

    /// <summary>The environment chosen with <c>--env</c> (a key of <c>environments:</c>), or null.</summary>
    public string? EnvironmentName { get; init; }
    public List<SpecError> Errors { get; } = [];
    public List<SpecError> Warnings { get; } = [];
    public List<CaptureReference> CaptureReferences { get; } = [];

    /// <summary>The spec's named targets (read before the checks), for kinds that name one.</summary>
    public Dictionary<string, string> Targets { get; } = new(StringComparer.Ordinal);

    /// <summary>Targets whose variable is not set (name → reason): checks that use them end as error without running.</summary>
    public Dictionary<string, string> UnavailableTargets { get; } = new(StringComparer.Ordinal);

    /// <summary>Checks that cannot run because of such a target (id → reason).</summary>
    public Dictionary<string, string> UnavailableChecks { get; } = new(StringComparer.Ordinal);

    /// <summary>What expanding ${…} at load may still produce, in characters, before the spec is refused.</summary>
    private long _expansionBudget = YamlLimits.MaxTotalExpandedLength;

    /// <summary>
    /// The one redactor for everything printed about this spec: secret-named variables from every
    /// source (--var, vars, the environment, .env), names under <c>secrets:</c>, and URL passwords
    /// in any variable or target. Call it when reading is done, so it knows every secret.
    /// </summary>
    public Redactor Secrets() =>
        new(Scope.SecretValues().Concat(Targets.Values.Select(Redactor.PasswordOf).OfType<string>().Select(Uri.UnescapeDataString)));

    public SourceLocation At(YamlNode node) => At(node.Start);

    public SourceLocation At(Mark mark) => new(File, (int)mark.Line, (int)mark.Column);

    /// <summary>Where character <paramref name="offset"/> of a scalar's text is, allowing for its opening quote.</summary>
    public SourceLocation At(YamlNode node, int offset)
    {
        var location = At(node);
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } scalar &&
            !(scalar.Value ?? "").Contains('\n', StringComparison.Ordinal))
        {
            var quote = scalar.Style is ScalarStyle.Plain ? 0 : 1;
            return location.Offset(offset + quote);
        }

        return location;
    }

    public void Error(YamlNode node, string message) => Errors.Add(new SpecError(At(node), message));

    public void Error(SourceLocation location, string message) => Errors.Add(new SpecError(location, message));

    /// <summary>Expands ${…} now, for values fixed at load (durations, titles, vars, targets).</summary>
    public string ExpandNow(string text, YamlNode node) => ExpandNow(text, node, out _);

    /// <summary>As <see cref="ExpandNow(string, YamlNode)"/>, also naming the variables that were not set.</summary>
    public string ExpandNow(string text, YamlNode node, out IReadOnlyList<string> unset, bool reportUnset = true)
    {
        unset = [];
        if (_expansionBudget <= 0 && text.Contains('$', StringComparison.Ordinal))
        {
            // The budget error is reported once; the rest of the spec is still read, unexpanded.
            return "";
        }

        var issues = new List<InterpolationIssue>();
        var result = Interpolator.Expand(text, name =>
        {
            if (name.Contains('.', StringComparison.Ordinal))
            {
                issues.Add(new InterpolationIssue(true, $"`${{{name}}}` is a captured value, which is known only while checks run; it cannot be used here", 0));
                return "";
            }

            return Scope.Lookup(name);
        }, issues, MaxLength());
        Spend(result.Length, issues);
        unset = [.. issues.Select(i => i.UnsetVariable).OfType<string>().Distinct()];
        Report(reportUnset ? issues : [.. issues.Where(i => i.IsError || i.UnsetVariable is null)], node);
        return result;
    }

    /// <summary>
    /// Validates ${…} in a field that is expanded while the check runs (it may use captures), and
    /// returns the text unexpanded.
    /// </summary>
    public string ValidateTemplate(string text, YamlNode node, string? checkId)
    {
        if (_expansionBudget <= 0 && text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }

        var issues = new List<InterpolationIssue>();
        var expanded = Interpolator.Expand(text, name =>
        {
            var dot = name.LastIndexOf('.');
            if (dot < 0)
            {
                return Scope.Lookup(name);
            }

            if (name is "watch.window" or "watch.since" or "watch.elapsed")
            {
                // Set by `greenlight watch` while it measures; unset (so ${watch.window:-1h} works) elsewhere.
                return "1h";
            }

            if (checkId is null)
            {
                issues.Add(new InterpolationIssue(true, $"`${{{name}}}` names a captured value, which only checks can use", 0));
            }
            else
            {
                CaptureReferences.Add(new CaptureReference(checkId, name[..dot], name[(dot + 1)..], At(node)));
            }

            return "captured";
        }, issues, MaxLength());
        Spend(expanded.Length, issues);
        Report(issues, node);
        return text;
    }

    private static int MaxLength() => YamlLimits.MaxExpandedLength;

    /// <summary>Counts what an expansion produced against the whole spec's budget: variables that repeat each other grow exponentially.</summary>
    private void Spend(int length, List<InterpolationIssue> issues)
    {
        if (length == 0)
        {
            return;
        }

        _expansionBudget -= length;
        if (_expansionBudget < 0 && _expansionBudget + length >= 0)
        {
            issues.Add(new InterpolationIssue(true, $"the spec's values expand to more than {YamlLimits.MaxTotalExpandedLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters in all; stopped here", 0));
        }
    }

    private void Report(List<InterpolationIssue> issues, YamlNode node)
    {
        foreach (var issue in issues)
        {
            var error = new SpecError(At(node, issue.Offset), issue.Message);
            if (issue.IsError)
            {
                Errors.Add(error);
            }
            else if (!Warnings.Contains(error))
            {
                Warnings.Add(error);
            }
        }
    }
}
