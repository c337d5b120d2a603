using Greenlight.Engine;
using Greenlight.Import;

namespace Greenlight.Audit;

/// <summary>
/// Judges a document's claims by a stored run of the spec imported from it: the document is imported
/// again (the import is deterministic), each claim is matched to the check that proves it — by the
/// check's <c>source</c> line, else by id — and that check's outcome in the run decides.
/// </summary>
internal static class ChecklistAudit
{
    /// <summary>Reads the document, imports it again and judges it by <paramref name="run"/>; returns the audit and the document's text as read.</summary>
    public static async Task<(AuditReport Audit, string Document)> FromFileAsync(string path, RunReport run, CancellationToken cancellationToken)
    {
        string markdown;
        try
        {
            markdown = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImportException($"{path}: cannot read the checklist: {(ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message)}");
        }

        var text = Mojibake.Repair(markdown.Replace("\r\n", "\n", StringComparison.Ordinal));
        return (Judge(ChecklistImporter.Import(text, Path.GetFileName(path)), run), text);
    }

    public static AuditReport Judge(ImportResult imported, RunReport run)
    {
        var bySource = run.Results.Where(r => r.Source is not null).GroupBy(r => r.Source!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byId = run.Results.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var claims = new List<AuditedClaim>();
        foreach (var claim in imported.Claims.OrderBy(c => c.Line))
        {
            var check = imported.CheckFor(claim.Line);
            if (check is null)
            {
                claims.Add(new AuditedClaim(claim.Line, claim.Text, claim.Mark, ClaimJudgement.Unproven, null, null, "claimed without evidence: nothing in the document can be run to prove it"));
                continue;
            }

            var result = bySource.GetValueOrDefault($"{imported.DocumentName}:{check.Line}") ?? byId.GetValueOrDefault(check.Id);
            claims.Add(Judge(claim, check, result));
        }

        return new AuditReport { Document = imported.DocumentName, Run = run, Claims = claims, DocumentVerdicts = [.. imported.Verdicts.OfType<ParagraphElement>()] };
    }

    private static AuditedClaim Judge(ItemElement claim, ImportedCheck check, CheckResult? result)
    {
        if (result is null)
        {
            return new AuditedClaim(claim.Line, claim.Text, claim.Mark, ClaimJudgement.Unproven, check.Id, null, $"claimed without evidence: {check.Id} is not in the run");
        }

        return result.Outcome switch
        {
            CheckOutcome.Pass => new AuditedClaim(claim.Line, claim.Text, claim.Mark, ClaimJudgement.Earned, result.Id, result.Outcome, $"earned: {result.Id} passed"),
            CheckOutcome.Fail or CheckOutcome.Error => new AuditedClaim(claim.Line, claim.Text, claim.Mark, ClaimJudgement.Failed, result.Id, result.Outcome,
                $"{(claim.Mark == ClaimMark.Done ? "claimed but " : "")}{(result.Outcome == CheckOutcome.Fail ? "failed" : "could not run")}: {result.Id} — {result.Message}"),
            CheckOutcome.Pending => new AuditedClaim(claim.Line, claim.Text, claim.Mark, ClaimJudgement.Unproven, result.Id, result.Outcome, $"claimed without evidence: {result.Id} is not signed (greenlight signoff {result.Id})"),
            _ => new AuditedClaim(claim.Line, claim.Text, claim.Mark, ClaimJudgement.Unproven, result.Id, result.Outcome, $"not verified: {result.Id} was skipped ({result.Message})"),
        };
    }
}
