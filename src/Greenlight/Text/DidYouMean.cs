namespace Greenlight.Text;

/// <summary>Suggests the nearest known name for a misspelt one (Levenshtein distance).</summary>
internal static class DidYouMean
{
    public static string? Suggest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        // Only suggest when the names are close: a third of the longer one, at least 1, at most 3 edits.
        var limit = best is null ? 0 : Math.Clamp(Math.Max(input.Length, best.Length) / 3, 1, 3);
        return best is not null && bestDistance <= limit ? best : null;
    }

    /// <summary>
    /// Like <see cref="Suggest"/>, and failing that a name with the same stem before the first
    /// underscore (mood_level → mood_score): renamed columns usually keep their subject.
    /// </summary>
    public static string? SuggestLoose(string input, IEnumerable<string> candidates)
    {
        var list = candidates.ToList();
        var close = Suggest(input, list);
        if (close is not null)
        {
            return close;
        }

        var stem = input.Split('_')[0];
        if (stem.Length < 3)
        {
            return null;
        }

        return list.Where(c => c.Split('_')[0].Equals(stem, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => Distance(input.ToLowerInvariant(), c.ToLowerInvariant()))
            .FirstOrDefault();
    }

    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
