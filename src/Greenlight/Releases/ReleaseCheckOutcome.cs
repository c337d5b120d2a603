using Greenlight.Engine;
using Greenlight.Secrets;
using Greenlight.Spec;

namespace Greenlight.Releases;

/// <summary>The end of a release check: the report when checks ran, else why nothing ran; and what to exit with.</summary>
internal sealed record ReleaseCheckOutcome
{
    public required ReleaseCheckStatus Status { get; init; }

    public required ReleaseExit Exit { get; init; }

    /// <summary>Set when <see cref="Status"/> is <see cref="ReleaseCheckStatus.Ran"/>. Already redacted.</summary>
    public RunReport? Report { get; init; }

    /// <summary>The spec's errors (<see cref="ReleaseCheckStatus.SpecInvalid"/>); print them with <see cref="Redactor"/>.</summary>
    public IReadOnlyList<SpecError> SpecErrors { get; init; } = [];

    /// <summary>Why nothing ran, for <see cref="ReleaseCheckStatus.BadRequest"/> and <see cref="ReleaseCheckStatus.StoreUnavailable"/>.</summary>
    public string? Error { get; init; }

    /// <summary>Knows every secret of the run; use it for anything printed about this outcome.</summary>
    public Redactor Redactor { get; init; } = Redactor.None;

    /// <summary>Where the run was recorded, when it was recorded.</summary>
    public string? StoreDescription { get; init; }

    /// <summary>Why the store stopped taking results part-way, and which were kept; null when all were recorded.</summary>
    public string? StoreFailure { get; init; }

    public bool Recorded => Report is not null && StoreDescription is not null && StoreFailure is null;
}
