using System.Text;
using Greenlight.Engine;

namespace Greenlight.Audit;

/// <summary>
/// The document written back with every claim judged: each claim line keeps its text and gains
/// "→ ✅ earned", "→ ❌ claimed but failed: …" or "→ ⚠ claimed without evidence: …"; an audit section at
/// the end sets the document's own verdict beside the one the evidence supports.
/// </summary>
internal static class AuditMarkdownWriter
{
    public static string Write(string document, AuditReport audit)
    {
        // The document goes out again: a credential pasted into it is masked, as everywhere else.
        foreach (var (value, _) in Greenlight.Import.DocumentSecrets.Find(document).ToList())
        {
            document = document.Replace(value, Greenlight.Import.DocumentSecrets.Mask(value), StringComparison.Ordinal);
        }

        var lines = document.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var byLine = audit.Claims.ToDictionary(c => c.Line);
        var output = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            output.Append(line);
            if (byLine.TryGetValue(i + 1, out var claim) && line.Trim().Length > 0)
            {
                output.Append(line.TrimEnd().EndsWith('|') ? "" : "  ").Append("→ ").Append(Mark(claim.Judgement)).Append(' ').Append(claim.Why.ReplaceLineEndings(" "));
            }

            if (i < lines.Length - 1)
            {
                output.Append('\n');
            }
        }

        output.Append("\n\n---\n\n## Greenlight audit\n\n");
        output.Append($"Run `{audit.Run.RunId[..Math.Min(12, audit.Run.RunId.Length)]}` of spec `{audit.Run.Spec}`");
        if (audit.Run.Provenance.GitCommit is { } commit)
        {
            output.Append($" at commit `{commit[..Math.Min(12, commit.Length)]}`");
        }

        output.Append($", {audit.Run.StartedAt:yyyy-MM-dd HH:mm} UTC.\n\n");
        output.Append($"| | claims |\n| --- | --- |\n| ✅ earned | {audit.Earned} |\n| ❌ claimed but failed | {audit.Failed} |\n| ⚠ claimed without evidence | {audit.Unproven} |\n\n");
        if (audit.DocumentVerdicts.Count > 0)
        {
            output.Append("The document says:\n\n");
            foreach (var verdict in audit.DocumentVerdicts)
            {
                output.Append($"- line {verdict.Line}: {verdict.Text}\n");
            }

            output.Append('\n');
        }

        output.Append($"The evidence says: **{VerdictRules.Spell(audit.Run.Verdict)}**");
        if (audit.Run.Reasons.Count > 0)
        {
            output.Append(" — ").Append(string.Join("; ", audit.Run.Reasons.Take(5)));
        }

        output.Append('\n');
        return output.ToString();
    }

    internal static string Mark(ClaimJudgement judgement) => judgement switch
    {
        ClaimJudgement.Earned => "✅",
        ClaimJudgement.Failed => "❌",
        _ => "⚠",
    };
}
