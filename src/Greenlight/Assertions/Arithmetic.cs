namespace Greenlight.Assertions;

/// <summary>
/// <c>+ - * /</c> on numbers, durations and sizes, with their units kept: a duration plus a duration
/// is a duration, a duration times a number is a duration, a duration over a duration is a number.
/// The same rules run at load (on kinds) and per run (on values), so a unit mistake is a spec error.
/// </summary>
internal static class Arithmetic
{
    /// <summary>The kind of <c>a op b</c>, or null with <paramref name="error"/> set when the units do not mix.</summary>
    public static ValueKind? ResultKind(char op, ValueKind a, ValueKind b, out string? error)
    {
        error = null;
        if (!IsNumeric(a) || !IsNumeric(b))
        {
            var bad = IsNumeric(a) ? b : a;
            error = $"arithmetic takes numbers, durations and sizes, not a {AssertionValue.KindName(bad)}";
            return null;
        }

        ValueKind? kind = op switch
        {
            '+' or '-' when a == b => a,
            '+' or '-' when (a, b) is (ValueKind.Size, ValueKind.Number) or (ValueKind.Number, ValueKind.Size) => ValueKind.Size,
            '*' when b == ValueKind.Number => a,
            '*' when a == ValueKind.Number => b,
            '/' when b == ValueKind.Number => a,
            '/' when a == b => ValueKind.Number,
            _ => null,
        };
        if (kind is null)
        {
            var verb = op switch { '+' => "add", '-' => "subtract", '*' => "multiply", _ => "divide" };
            error = $"cannot {verb} a {AssertionValue.KindName(a)} and a {AssertionValue.KindName(b)}" + (op is '+' or '-' ? " (write both with units, e.g. 500ms)" : "");
        }

        return kind;
    }

    /// <summary>Applies <paramref name="op"/>; throws <see cref="ArgumentException"/> for units that do not mix or a division by zero.</summary>
    public static AssertionValue Apply(char op, AssertionValue a, AssertionValue b)
    {
        var kind = ResultKind(op, a.Kind, b.Kind, out var error) ?? throw new ArgumentException($"{error}: {a.ToDisplay()} {op} {b.ToDisplay()}");
        if (op == '/' && b.Number == 0)
        {
            throw new ArgumentException($"division by zero: {a.ToDisplay()} / {b.ToDisplay()}");
        }

        var number = op switch
        {
            '+' => a.Number + b.Number,
            '-' => a.Number - b.Number,
            '*' => a.Number * b.Number,
            _ => a.Number / b.Number,
        };
        return kind switch
        {
            ValueKind.Duration => AssertionValue.FromMilliseconds(number),
            ValueKind.Size => AssertionValue.FromBytes(number),
            _ => AssertionValue.FromNumber(number),
        };
    }

    private static bool IsNumeric(ValueKind kind) => kind is ValueKind.Number or ValueKind.Duration or ValueKind.Size;
}
