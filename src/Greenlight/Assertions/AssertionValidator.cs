namespace Greenlight.Assertions;

/// <summary>Checks at load time that an assertion's value fits its subject's type.</summary>
internal static class AssertionValidator
{
    public static void Validate(Assertion assertion, SubjectCatalog catalog)
    {
        catalog.Resolve(assertion.Subject, out var type);
        var op = assertion.Operator;
        var subject = assertion.Subject.Text;

        if (op is AssertionOperator.IsEmpty or AssertionOperator.IsNotEmpty &&
            type is ValueKind.Number or ValueKind.Bool or ValueKind.Duration or ValueKind.Size)
        {
            throw new AssertionSyntaxException($"`{subject}` is a {AssertionValue.KindName(type.Value)} and cannot be empty", assertion.Subject.Column);
        }

        if (op is AssertionOperator.Contains or AssertionOperator.NotContains &&
            type is ValueKind.Number or ValueKind.Bool or ValueKind.Duration or ValueKind.Size)
        {
            throw new AssertionSyntaxException($"`{subject}` is a {AssertionValue.KindName(type.Value)}; `contains` applies to text and lists", assertion.Subject.Column);
        }

        if (assertion.Expected is { Kind: LiteralKind.Expression, Expression: { } expression })
        {
            var kind = KindOf(expression, catalog);
            if (type is { } subjectType && kind is { } valueKind && !Fits(subjectType, valueKind))
            {
                throw new AssertionSyntaxException(
                    $"`{subject}` is a {AssertionValue.KindName(subjectType)} but `{assertion.Expected.Text}` is a {AssertionValue.KindName(valueKind)}", assertion.Expected.Column);
            }

            return;
        }

        if (assertion.Expected is null || type is null)
        {
            return;
        }

        if (assertion.Expected.Kind == LiteralKind.List)
        {
            foreach (var item in assertion.Expected.Items)
            {
                CheckFits(type.Value, item, subject, op);
            }
        }
        else if (op is not (AssertionOperator.Matches or AssertionOperator.NotMatches or AssertionOperator.Contains or AssertionOperator.NotContains))
        {
            CheckFits(type.Value, assertion.Expected, subject, op);
        }
        else if (op is AssertionOperator.Contains or AssertionOperator.NotContains && type == ValueKind.String &&
                 assertion.Expected.Kind == LiteralKind.Value && assertion.Expected.Value!.Kind != ValueKind.String)
        {
            throw new AssertionSyntaxException($"`{subject}` is text: quote the value, e.g. \"{assertion.Expected.Text}\"", assertion.Expected.Column);
        }
    }

    /// <summary>The kind an expression yields (null: known only at run time); a subject a baseline names must exist, and units must mix.</summary>
    private static ValueKind? KindOf(ValueExpression expression, SubjectCatalog catalog)
    {
        switch (expression)
        {
            case ValueExpression.Constant { Literal: { Kind: LiteralKind.Value, Value: { } value } }:
                return value.Kind;
            case ValueExpression.Constant:
                return null;
            case ValueExpression.Baseline named:
                catalog.Resolve(named.Subject, out var type);
                return type is ValueKind.Number or ValueKind.Duration or ValueKind.Size or null ? type
                    : throw new AssertionSyntaxException($"baseline(`{named.Subject.Text}`): a baseline is compared by arithmetic on numbers, durations and sizes; `{named.Subject.Text}` is a {AssertionValue.KindName(type.Value)}", named.Column);
            case ValueExpression.Binary binary:
                {
                    var left = KindOf(binary.Left, catalog);
                    var right = KindOf(binary.Right, catalog);
                    if (left is null || right is null)
                    {
                        return null;
                    }

                    return Arithmetic.ResultKind(binary.Operator, left.Value, right.Value, out var error) ?? throw new AssertionSyntaxException(error!, binary.Column);
                }

            default:
                return null;
        }
    }

    private static bool Fits(ValueKind subject, ValueKind value) => subject switch
    {
        ValueKind.Duration => value == ValueKind.Duration,
        ValueKind.Size => value is ValueKind.Size or ValueKind.Number,
        ValueKind.Number => value == ValueKind.Number,
        _ => true,
    };

    private static void CheckFits(ValueKind type, Literal literal, string subject, AssertionOperator op)
    {
        if (literal.Kind != LiteralKind.Value)
        {
            return;
        }

        var kind = literal.Value!.Kind;
        var fits = type switch
        {
            ValueKind.Duration => kind == ValueKind.Duration,
            ValueKind.Size => kind is ValueKind.Size or ValueKind.Number,
            ValueKind.Number => kind == ValueKind.Number || (kind == ValueKind.Null && !AssertionOperators.IsOrdering(op)),
            ValueKind.Bool => kind == ValueKind.Bool,
            ValueKind.String => kind == ValueKind.String || (kind == ValueKind.Null && !AssertionOperators.IsOrdering(op)),
            _ => true,
        };

        if (fits)
        {
            return;
        }

        var hint = type switch
        {
            ValueKind.Duration => $"write {Units.DurationHint}",
            ValueKind.Size => "write a size such as 10MB or a number of bytes",
            ValueKind.String => $"quote the value: \"{literal.Text.Trim('"', '\'')}\"",
            _ => $"write a {AssertionValue.KindName(type)}",
        };
        throw new AssertionSyntaxException(
            $"`{subject}` is a {AssertionValue.KindName(type)} but `{literal.Text}` is a {AssertionValue.KindName(kind)}: {hint}",
            literal.Column);
    }
}
