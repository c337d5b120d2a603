using System.Text.RegularExpressions;

namespace Greenlight.Text;

/// <summary>
/// Regular expressions a spec writes (<c>matches /…/</c>, env <c>match:</c>) run with a match timeout,
/// so a catastrophic pattern such as <c>(a+)+$</c> ends the check as <c>error</c> naming the pattern
/// instead of stalling the run. One place for the timeout and the words of that error.
/// </summary>
internal static class UserRegex
{
    public static TimeSpan MatchTimeout { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Compiles a user's pattern; throws <see cref="ArgumentException"/> when it is not valid.</summary>
    public static Regex Create(string pattern, RegexOptions options = RegexOptions.None) =>
        new(pattern, options | RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>What to say when <paramref name="pattern"/> ran out of time on a value of <paramref name="length"/> characters.</summary>
    public static string TimedOut(string pattern, int length) =>
        $"the regular expression /{Shorten(pattern)}/ took longer than {MatchTimeout.TotalSeconds:0.#}s on a value of {length} characters (nested repetition such as (a+)+ backtracks without end); simplify the pattern";

    private static string Shorten(string pattern) => pattern.Length <= 80 ? pattern : pattern[..77] + "…";
}
