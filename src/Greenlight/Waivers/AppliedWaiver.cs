using System.Globalization;
using Greenlight.Checks;

namespace Greenlight.Waivers;

/// <summary>A waiver as it applied to one result: what it said and whether it had expired at the time of the run.</summary>
internal sealed record AppliedWaiver(string Justification, DateOnly Expires, bool Run, bool Expired, string Source)
{
    public const string EvidenceName = "waiver";

    /// <summary>"waived until 2026-12-31: reason", or "waiver expired on 2026-01-31: reason".</summary>
    public string Describe() => Expired
        ? $"waiver expired on {Day(Expires)}: {Justification}"
        : $"waived until {Day(Expires)}: {Justification}";

    /// <summary>The waiver as evidence of the run, in a form <see cref="FromEvidence"/> reads back from the store.</summary>
    public EvidenceItem ToEvidence() => new(EvidenceName,
        $"{Describe()}\njustification: {Justification.ReplaceLineEndings(" ")}\nexpires: {Day(Expires)}\nrun: {(Run ? "true" : "false")}\nexpired: {(Expired ? "true" : "false")}\nsource: {Source}");

    public static AppliedWaiver? FromEvidence(IEnumerable<EvidenceItem> evidence)
    {
        var item = evidence.FirstOrDefault(e => e.Name == EvidenceName);
        if (item is null)
        {
            return null;
        }

        var fields = item.Content.Split('\n').Skip(1)
            .Select(line => line.Split(": ", 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return DateOnly.TryParseExact(fields.GetValueOrDefault("expires"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires)
            ? new AppliedWaiver(fields.GetValueOrDefault("justification") ?? "", expires, fields.GetValueOrDefault("run") != "false", fields.GetValueOrDefault("expired") == "true", fields.GetValueOrDefault("source") ?? "")
            : null;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
