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

    public static AssertionResult Evaluate(Assertion assertion, ISubjectSource source, Func<string, string> expand)
    {
        var actual = ResolveSubject(assertion.Subject, source);
        var expected = assertion.Expected is null ? null : Materialize(assertion.Expected, expand);
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
            ValueKind.Object => Newtonsoft.Json.Linq.JToken.DeepEquals(a.Json, b.Json),
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
}
