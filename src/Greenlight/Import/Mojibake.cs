using System.Text;

namespace Greenlight.Import;

/// <summary>
/// Repairs UTF-8 text that was once decoded as Windows-1252 or Mac Roman ("âœ…" or "‚úÖ" for ✅),
/// as checklists copied between tools often are. A line is changed only when re-encoding it gives
/// valid UTF-8 that is shorter, so correct text is never touched.
/// </summary>
internal static class Mojibake
{
    private static readonly Encoding[] Suspects = CreateSuspects();

    public static string Repair(string text)
    {
        if (Suspects.Length == 0 || text.All(c => c < 0x80))
        {
            return text;
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = RepairLine(lines[i]);
        }

        return string.Join('\n', lines);
    }

    private static string RepairLine(string line)
    {
        if (line.All(c => c < 0x80))
        {
            return line;
        }

        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        foreach (var encoding in Suspects)
        {
            try
            {
                var bytes = encoding.GetBytes(line);
                if (encoding.GetString(bytes) != line)
                {
                    continue;
                }

                var repaired = strict.GetString(bytes);
                if (repaired.Length < line.Length)
                {
                    return repaired;
                }
            }
            catch (Exception ex) when (ex is DecoderFallbackException or EncoderFallbackException or ArgumentException)
            {
            }
        }

        return line;
    }

    private static Encoding[] CreateSuspects()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var fallback = EncoderFallback.ExceptionFallback;
        return [.. new[] { 1252, 10000 }.Select(page => Encoding.GetEncoding(page, fallback, DecoderFallback.ExceptionFallback))];
    }
}
