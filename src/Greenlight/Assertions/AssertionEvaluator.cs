using System.Text.RegularExpressions;
using Greenlight.Text;

namespace Greenlight.Assertions;

/// <summary>Evaluates parsed assertions against what a check observed.</summary>
internal static class AssertionEvaluator
{
    public static AssertionValue ResolveSubject(SubjectRef subject, ISubjectSource source)
    {
        switch (subject.Function)
        {
            case null:
                return source.Resolve(subject);
            case "len":
                {
                    var value = source.Resolve(subject.Inner);
                    return value.Length is int n ? AssertionValue.FromNumber(n)
                        : value.Kind == ValueKind.Missing ? value
                        : AssertionValue.MissingBecause($"{AssertionValue.KindName(value.Kind)} has no length");
                }

            default:
                {
                    var samples = source.Samples(subject.Inner).Where(s => s.Kind is ValueKind.Number or ValueKind.Duration or ValueKind.Size).ToList();
                    if (samples.Count == 0)
                    {
                        return AssertionValue.MissingBecause("no samples");
                    }

                    var sorted = samples.Select(s => s.Number).Order().ToArray();
                    var result = subject.Function switch
                    {
                        "min" => sorted[0],
                        "max" => sorted[^1],
                        "avg" => sorted.Average(),
                        "p50" => Percentile(sorted, 50),
                        "p90" => Percentile(sorted, 90),
                        "p95" => Percentile(sorted, 95),
                        _ => Percentile(sorted, 99),
                    };
                    return samples[0].Kind == ValueKind.Duration ? AssertionValue.FromMilliseconds(result)
                        : samples[0].Kind == ValueKind.Size ? AssertionValue.FromBytes(result)
                        : AssertionValue.FromNumber(result);
                }
        }
    }

    /// <summary>Nearest-rank percentile, the definition most latency targets are written against.</summary>
    internal static double Percentile(double[] sorted, int p)
    {
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static AssertionResult Evaluate(Assertion assertion, ISubjectSource source, Func<string, string> expand, IBaselineSource? baseline = null)
    {
        var actual = ResolveSubject(assertion.Subject, source);
        if (assertion.Expected is { Kind: LiteralKind.Expression, Expression: { } expression })
        {
            return EvaluateExpression(assertion, expression, actual, source, expand, baseline);
        }

        var expected = assertion.Expected is null ? null : Materialize(assertion.Expected, expand);
        return Judge(assertion, actual, expected);
    }

    /// <summary>
    /// An assertion whose value is arithmetic or names a baseline. Without a baseline run it is
    /// inconclusive (<see cref="AssertionResult.NoBaseline"/>), never a pass; the result names the run
    /// compared with and keeps the current values of the subjects the baseline names, for later runs.
    /// </summary>
    private static AssertionResult EvaluateExpression(Assertion assertion, ValueExpression expression, AssertionValue actual, ISubjectSource source, Func<string, string> expand, IBaselineSource? baseline)
    {
        var subjects = new Dictionary<string, ReportedValue>(StringComparer.Ordinal);
        foreach (var named in expression.Baselines())
        {
            subjects[named.Subject.Text] = ReportedValue.From(ResolveSubject(named.Subject, source));
        }

        var used = new List<string>();
        AssertionValue value;
        try
        {
            value = Compute(expression, expand, baseline, used);
        }
        catch (NoBaselineException ex)
        {
            return new AssertionResult(assertion.Text, false, actual.ToDisplay(), assertion.Expected!.Text, ex.Message)
            {
                ActualValue = ReportedValue.From(actual),
                NoBaseline = true,
                SubjectValues = subjects,
            };
        }
        catch (IncomparableException ex)
        {
            return new AssertionResult(assertion.Text, false, actual.ToDisplay(), assertion.Expected!.Text, ex.Message) { ActualValue = ReportedValue.From(actual), SubjectValues = subjects };
        }

        var result = Judge(assertion, actual, new MaterializedLiteral(value, null, value.ToDisplay()));
        return result with { Baseline = used.Count == 0 ? null : string.Join("; ", used.Distinct(StringComparer.Ordinal)), SubjectValues = subjects };
    }

    private static AssertionValue Compute(ValueExpression expression, Func<string, string> expand, IBaselineSource? baseline, List<string> used)
    {
        switch (expression)
        {
            case ValueExpression.Constant constant:
                return Materialize(constant.Literal, expand).Value ?? AssertionValue.Missing;
            case ValueExpression.Baseline named:
                {
                    var found = baseline?.Find(named.Subject) ?? BaselineValue.None("no baseline: this run has no store to look for an earlier run in");
                    if (found.Value is null)
                    {
                        throw new NoBaselineException(found.From);
                    }

                    used.Add($"baseline({named.Subject.Text}) = {found.Value.ToDisplay()} from {found.From}");
                    return found.Value;
                }

            case ValueExpression.Binary binary:
                {
                    var left = Compute(binary.Left, expand, baseline, used);
                    var right = Compute(binary.Right, expand, baseline, used);
                    try
                    {
                        return Arithmetic.Apply(binary.Operator, left, right);
                    }
                    catch (ArgumentException ex)
                    {
                        throw new IncomparableException(ex.Message);
                    }
                }

            default:
                throw new InvalidOperationException($"unknown expression {expression.GetType().Name}");
        }
    }

    private static AssertionResult Judge(Assertion assertion, AssertionValue actual, MaterializedLiteral? expected)
    {
        var expectedText = expected?.Display;
        var values = (Actual: ReportedValue.From(actual), Expected: expected?.Value is { } e ? ReportedValue.From(e) : null);
        var op = assertion.Operator;

        if (op == AssertionOperator.NotExists)
        {
            return Result(actual.Kind == ValueKind.Missing);
        }

        if (actual.Kind == ValueKind.Missing)
        {
            return new AssertionResult(assertion.Text, false, actual.ToDisplay(), expectedText) { ActualValue = values.Actual, ExpectedValue = values.Expected };
        }

        try
        {
            return op switch
            {
                AssertionOperator.Exists => Result(true),
                AssertionOperator.IsEmpty => Result(actual.Length == 0),
                AssertionOperator.IsNotEmpty => Result(actual.Length is > 0),
                AssertionOperator.Equal => Result(AreEqual(actual, expected!.Value!)),
                AssertionOperator.NotEqual => Result(!AreEqual(actual, expected!.Value!)),
                AssertionOperator.Less => Result(Compare(actual, expected!.Value!) < 0),
                AssertionOperator.LessOrEqual => Result(Compare(actual, expected!.Value!) <= 0),
                AssertionOperator.Greater => Result(Compare(actual, expected!.Value!) > 0),
                AssertionOperator.GreaterOrEqual => Result(Compare(actual, expected!.Value!) >= 0),
                AssertionOperator.Contains => Result(Contains(actual, expected!.Value!)),
                AssertionOperator.NotContains => Result(!Contains(actual, expected!.Value!)),
                AssertionOperator.Matches => Result(RegexOf(expected!).IsMatch(actual.AsText())),
                AssertionOperator.NotMatches => Result(!RegexOf(expected!).IsMatch(actual.AsText())),
                AssertionOperator.In => Result(expected!.Value!.Items.Any(i => AreEqual(actual, i))),
                AssertionOperator.NotIn => Result(!expected!.Value!.Items.Any(i => AreEqual(actual, i))),
                _ => throw new InvalidOperationException($"operator {op} is not implemented"),
            };
        }
        catch (IncomparableException ex)
        {
            return new AssertionResult(assertion.Text, false, actual.ToDisplay(), expectedText, ex.Message) { ActualValue = values.Actual, ExpectedValue = values.Expected };
        }
        catch (RegexMatchTimeoutException ex)
        {
            return new AssertionResult(assertion.Text, false, actual.ToDisplay(), expectedText, UserRegex.TimedOut(ex.Pattern, ex.Input.Length)) { ActualValue = values.Actual, ExpectedValue = values.Expected, CouldNotEvaluate = true };
        }

        AssertionResult Result(bool passed) => new(assertion.Text, passed, actual.ToDisplay(), expectedText) { ActualValue = values.Actual, ExpectedValue = values.Expected };
    }

    private static Regex RegexOf(MaterializedLiteral literal)
    {
        if (literal.Regex is not null)
        {
            return literal.Regex;
        }

        try
        {
            return UserRegex.Create(literal.Value!.AsText());
        }
        catch (ArgumentException ex)
        {
            throw new IncomparableException($"invalid regular expression after interpolation: {ex.Message}");
        }
    }

    private static bool AreEqual(AssertionValue a, AssertionValue b)
    {
        if (IsNumeric(a) && IsNumeric(b))
        {
            EnsureSameUnit(a, b);
            return a.Number.Equals(b.Number);
        }

        if (a.Kind != b.Kind)
        {
            return false;
        }

        return a.Kind switch
        {
            ValueKind.Null => true,
            ValueKind.Bool => a.Bool == b.Bool,
            ValueKind.String => string.Equals(a.Text, b.Text, StringComparison.Ordinal),
            ValueKind.List => a.Items.Count == b.Items.Count && a.Items.Zip(b.Items).All(p => AreEqual(p.First, p.Second)),
            ValueKind.Object => Greenlight.JsonPath.ComparisonExpression.AreEqual(a.Json, b.Json),
            _ => false,
        };
    }

    private static int Compare(AssertionValue a, AssertionValue b)
    {
        if (IsNumeric(a) && IsNumeric(b))
        {
            EnsureSameUnit(a, b);
            return a.Number.CompareTo(b.Number);
        }

        if (a.Kind == ValueKind.String && b.Kind == ValueKind.String)
        {
            return string.CompareOrdinal(a.Text, b.Text);
        }

        throw new IncomparableException($"cannot order {AssertionValue.KindName(a.Kind)} {a.ToDisplay()} against {AssertionValue.KindName(b.Kind)} {b.ToDisplay()}");
    }

    private static bool Contains(AssertionValue haystack, AssertionValue needle) => haystack.Kind switch
    {
        ValueKind.String => haystack.Text.Contains(needle.AsText(), StringComparison.Ordinal),
        ValueKind.List => haystack.Items.Any(i => AreEqual(i, needle)),
        ValueKind.Object => haystack.Json!.ContainsKey(needle.AsText()),
        _ => throw new IncomparableException($"{AssertionValue.KindName(haystack.Kind)} {haystack.ToDisplay()} cannot contain anything"),
    };

    private static bool IsNumeric(AssertionValue v) => v.Kind is ValueKind.Number or ValueKind.Duration or ValueKind.Size;

    private static void EnsureSameUnit(AssertionValue a, AssertionValue b)
    {
        // A size compares with a plain number of bytes; otherwise units must agree.
        var ok = a.Kind == b.Kind || (a.Kind == ValueKind.Size && b.Kind == ValueKind.Number) || (a.Kind == ValueKind.Number && b.Kind == ValueKind.Size);
        if (!ok)
        {
            throw new IncomparableException($"cannot compare {AssertionValue.KindName(a.Kind)} {a.ToDisplay()} with {AssertionValue.KindName(b.Kind)} {b.ToDisplay()}");
        }
    }

    private static MaterializedLiteral Materialize(Literal literal, Func<string, string> expand)
    {
        switch (literal.Kind)
        {
            case LiteralKind.Regex:
                return new MaterializedLiteral(null, literal.Regex, literal.Text);
            case LiteralKind.List:
                {
                    var items = literal.Items.Select(i => Materialize(i, expand).Value!).ToList();
                    var value = AssertionValue.FromList(items);
                    return new MaterializedLiteral(value, null, value.ToDisplay());
                }

            case LiteralKind.Template:
                {
                    var text = expand(literal.Text);
                    var value = literal.Quoted ? AssertionValue.FromString(text) : AssertionParser.ParseLooseValue(text);
                    return new MaterializedLiteral(value, null, value.ToDisplay());
                }

            default:
                return new MaterializedLiteral(literal.Value, null, literal.Value!.ToDisplay());
        }
    }

    private sealed record MaterializedLiteral(AssertionValue? Value, Regex? Regex, string Display);

    private sealed class IncomparableException(string message) : Exception(message);

    private sealed class NoBaselineException(string message) : Exception(message);
}
