using Greenlight.Engine;
using Greenlight.Import;

namespace Greenlight.Audit;

/// <summary><c>greenlight audit</c>: every claim of a document judged by a stored run, and the document's own verdict beside the evidence's.</summary>
internal sealed record AuditReport
{
    public const string SchemaName = "greenlight.audit/v1";

    public required string Document { get; init; }
    public required RunReport Run { get; init; }
    public required IReadOnlyList<AuditedClaim> Claims { get; init; }

    /// <summary>The document's own verdict lines ("Status: ✅ READY FOR DEPLOYMENT", "Confidence Level: HIGH (95%)").</summary>
    public required IReadOnlyList<ParagraphElement> DocumentVerdicts { get; init; }

    public int Earned => Claims.Count(c => c.Judgement == ClaimJudgement.Earned);
    public int Failed => Claims.Count(c => c.Judgement == ClaimJudgement.Failed);
    public int Unproven => Claims.Count(c => c.Judgement == ClaimJudgement.Unproven);
}
