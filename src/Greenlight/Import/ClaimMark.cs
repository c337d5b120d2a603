namespace Greenlight.Import;

/// <summary>What a checklist line claims: nothing, a ticked box or ✅, an open box or ⏳, a ❌, a ⚠.</summary>
internal enum ClaimMark
{
    None,
    Done,
    Open,
    Failed,
    Warning,
}
