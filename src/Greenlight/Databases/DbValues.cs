using System.Globalization;
using Greenlight.Assertions;

namespace Greenlight.Databases;

/// <summary>Database values as assertion values and as text for evidence.</summary>
internal static class DbValues
{
    public static AssertionValue ToValue(object? value) => value switch
    {
        null or DBNull => AssertionValue.Null,
        bool b => AssertionValue.FromBool(b),
        byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal => AssertionValue.FromNumber(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        string s => AssertionValue.FromString(s),
        DateTime dt => AssertionValue.FromString(dt.ToString("O", CultureInfo.InvariantCulture)),
        DateTimeOffset dto => AssertionValue.FromString(dto.ToString("O", CultureInfo.InvariantCulture)),
        TimeSpan ts => AssertionValue.FromDuration(ts),
        byte[] bytes => AssertionValue.FromString(Convert.ToHexString(bytes)),
        Array array => AssertionValue.FromList([.. array.Cast<object?>().Select(ToValue)]),
        _ => AssertionValue.FromString(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    public static string ToText(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => s,
        _ => ToValue(value).AsText(),
    };
}
