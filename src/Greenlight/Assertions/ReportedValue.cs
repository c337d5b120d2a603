namespace Greenlight.Assertions;

/// <summary>
/// An assertion's actual or expected value as data, kept beside its display text so writers format
/// it (a JSON number, milliseconds for a duration) instead of parsing the text back.
/// </summary>
internal sealed record ReportedValue(ValueKind Kind, double? Number = null, bool? Bool = null, string? Text = null)
{
    public static ReportedValue From(AssertionValue value) => value.Kind switch
    {
        ValueKind.Bool => new(ValueKind.Bool, Bool: value.Bool),
        ValueKind.Number or ValueKind.Duration or ValueKind.Size => new(value.Kind, Number: value.Number),
        ValueKind.String => new(ValueKind.String, Text: value.Text.Length > 4096 ? value.Text[..4096] : value.Text),
        ValueKind.Missing => new(ValueKind.Missing, Text: value.MissingReason),
        ValueKind.Null => new(ValueKind.Null),
        _ => new(value.Kind, Text: value.ToDisplay()),
    };
}
