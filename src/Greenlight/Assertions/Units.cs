using System.Globalization;

namespace Greenlight.Assertions;

/// <summary>Durations (250ms, 2s, 5m, 1h, 1d) and sizes (10MB, 64KiB) as written in specs.</summary>
internal static class Units
{
    private static readonly Dictionary<string, double> DurationUnits = new(StringComparer.Ordinal)
    {
        ["us"] = 0.001,
        ["ms"] = 1,
        ["s"] = 1000,
        ["m"] = 60_000,
        ["h"] = 3_600_000,
        ["d"] = 86_400_000,
    };

    private static readonly Dictionary<string, double> SizeUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["B"] = 1,
        ["KB"] = 1000,
        ["MB"] = 1000d * 1000,
        ["GB"] = 1000d * 1000 * 1000,
        ["KiB"] = 1024,
        ["MiB"] = 1024d * 1024,
        ["GiB"] = 1024d * 1024 * 1024,
    };

    public static string DurationHint => "a duration such as 500ms, 30s, 5m, 1h or 1d";

    public static bool IsDurationUnit(string unit) => DurationUnits.ContainsKey(unit);

    public static bool IsSizeUnit(string unit) => SizeUnits.ContainsKey(unit);

    public static double DurationFactor(string unit) => DurationUnits[unit];

    public static double SizeFactor(string unit) => SizeUnits[unit];

    /// <summary>Parses "1.5s" or "250ms"; a bare number is not a duration.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        if (!TrySplit(text.Trim(), out var number, out var unit) || !DurationUnits.TryGetValue(unit, out var factor))
        {
            return false;
        }

        var ms = number * factor;
        if (ms < 0 || ms > TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    /// <summary>Parses "10MB" or "64KiB"; a bare number is bytes.</summary>
    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && plain >= 0)
        {
            bytes = (long)plain;
            return true;
        }

        if (!TrySplit(text, out var number, out var unit) || !SizeUnits.TryGetValue(unit, out var factor) || number < 0)
        {
            return false;
        }

        bytes = (long)(number * factor);
        return true;
    }

    public static string FormatDuration(double ms)
    {
        if (ms < 1)
        {
            return ms.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        }

        if (ms < 1000)
        {
            return ms.ToString("0.#", CultureInfo.InvariantCulture) + "ms";
        }

        if (ms < 60_000)
        {
            return (ms / 1000).ToString("0.##", CultureInfo.InvariantCulture) + "s";
        }

        if (ms < 3_600_000)
        {
            return (ms / 60_000).ToString("0.##", CultureInfo.InvariantCulture) + "m";
        }

        return (ms / 3_600_000).ToString("0.##", CultureInfo.InvariantCulture) + "h";
    }

    public static string FormatSize(double bytes)
    {
        string[] names = ["B", "KiB", "MiB", "GiB"];
        var i = 0;
        while (bytes >= 1024 && i < names.Length - 1)
        {
            bytes /= 1024;
            i++;
        }

        return bytes.ToString(i == 0 ? "0" : "0.##", CultureInfo.InvariantCulture) + names[i];
    }

    private static bool TrySplit(string text, out double number, out string unit)
    {
        number = 0;
        unit = "";
        var i = 0;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        if (i == 0 || i == text.Length)
        {
            return false;
        }

        unit = text[i..];
        return double.TryParse(text.AsSpan(0, i), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }
}
