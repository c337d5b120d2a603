using System.Globalization;

namespace Greenlight.Checks.Boot;

/// <summary>
/// Which answers of the ready probe count as up: 2xx and 3xx by default (what a platform's health
/// check or load balancer wants); <c>ready_status: [2xx, 3xx, 401]</c> widens it explicitly.
/// </summary>
internal sealed record ReadyStatus(IReadOnlyList<(int Low, int High, string Text)> Ranges)
{
    public static ReadyStatus Default { get; } = new([(200, 299, "2xx"), (300, 399, "3xx")]);

    public bool Accepts(int status) => Ranges.Any(r => status >= r.Low && status <= r.High);

    public string Describe() => string.Join(" or ", Ranges.Select(r => r.Text));

    /// <summary>One item: a code (503) or a class (2xx); null when it is neither.</summary>
    public static (int Low, int High, string Text)? ParseItem(string text)
    {
        text = text.Trim().ToLowerInvariant();
        if (text.Length == 3 && text.EndsWith("xx", StringComparison.Ordinal) && text[0] is >= '1' and <= '5')
        {
            var low = (text[0] - '0') * 100;
            return (low, low + 99, text);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599 ? (code, code, text) : null;
    }
}
