using Greenlight.Checks.Manual;
using Greenlight.Spec;

namespace Greenlight.Signoffs;

/// <summary>Asks a person at a terminal to sign a pending manual check; null means "not now".</summary>
internal interface ISignoffPrompter
{
    Task<SignoffAnswer?> AskAsync(CheckDefinition check, ManualSettings settings, SignoffStatus status, CancellationToken cancellationToken);

    /// <summary>Says why an answer was refused (the commit's author signing their own change).</summary>
    void Refused(string reason);
}
