using Greenlight.Engine;
using Greenlight.Import;

namespace Greenlight.Audit;

/// <summary>One claim of the document (a ✅, a ticked or open box) beside the evidence for it.</summary>
internal sealed record AuditedClaim(int Line, string Text, ClaimMark Claimed, ClaimJudgement Judgement, string? CheckId, CheckOutcome? Outcome, string Why);
