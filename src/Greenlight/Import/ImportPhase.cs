namespace Greenlight.Import;

/// <summary>Where an imported item belongs in a release: the spec's phases, or the way back.</summary>
internal enum ImportPhase
{
    Pre,
    Post,
    Watch,
    Rollback,
}
