namespace Greenlight.Cli.Rendering;

/// <summary>A trend in eight block heights, scaled between its own minimum and maximum; gaps (no number) are spaces.</summary>
internal static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    public static string Of(IEnumerable<double?> values)
    {
        var list = values.ToList();
        var numbers = list.Where(v => v is { } d && double.IsFinite(d)).Select(v => v!.Value).ToList();
        if (numbers.Count == 0)
        {
            return new string(' ', list.Count);
        }

        var (min, max) = (numbers.Min(), numbers.Max());
        return string.Concat(list.Select(v => v is not { } d || !double.IsFinite(d) ? ' '
            : max == min ? Blocks[3]
            : Blocks[(int)Math.Round((d - min) / (max - min) * (Blocks.Length - 1))]));
    }
}
