using System.Text.RegularExpressions;
using Greenlight.Assertions;

namespace Greenlight.Checks.Http;

/// <summary>
/// Which app must be answering: a marker it shows, pages it must not be (a platform's placeholder),
/// and the version it reports against the commit being shipped.
/// </summary>
internal sealed record Fingerprint(string? Contains, IReadOnlyList<Regex> NotMatches, SubjectRef? Version, string? Commit)
{
    /// <summary>What platforms serve when the app itself did not start (seed 003's "Hello World").</summary>
    public static readonly string[] Placeholders = ["Hello World", "Welcome to nginx", "It works!", "Application error", "Application Error", "Not Found - Render", "Web site created using create-react-app"];
}
