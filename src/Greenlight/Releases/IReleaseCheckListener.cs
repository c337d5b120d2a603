using Greenlight.Secrets;
using Greenlight.Spec;

namespace Greenlight.Releases;

/// <summary>What a release check tells the people watching it besides the checks themselves. Every method is optional.</summary>
internal interface IReleaseCheckListener
{
    /// <summary>The spec loaded; <paramref name="warnings"/> are printed with <paramref name="redactor"/>, before any check runs.</summary>
    void SpecLoaded(SpecDocument spec, IReadOnlyList<SpecError> warnings, Redactor redactor)
    {
    }

    /// <summary>A diagnostic such as "waiting for the store: locked by another writer (3s of 60s)".</summary>
    void Notice(string message)
    {
    }
}
