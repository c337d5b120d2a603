using System.Text.RegularExpressions;

namespace Greenlight.Spec;

/// <summary>The shapes of names a spec declares: variables, secrets, captures and check ids.</summary>
internal static partial class SpecNames
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    public static partial Regex Variable();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.\\-]*$")]
    public static partial Regex CheckId();
}
