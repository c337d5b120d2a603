namespace Greenlight.Releases;

/// <summary>How far a release check got.</summary>
internal enum ReleaseCheckStatus
{
    /// <summary>The checks ran (perhaps interrupted): the outcome has a report.</summary>
    Ran,

    /// <summary>The spec has errors; nothing ran.</summary>
    SpecInvalid,

    /// <summary>The request is wrong (an unknown --only id); nothing ran.</summary>
    BadRequest,

    /// <summary>The store cannot be opened (or stayed locked past the wait); nothing ran.</summary>
    StoreUnavailable,
}
