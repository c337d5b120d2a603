using System.Text.RegularExpressions;

namespace Greenlight.Secrets;

/// <summary>Which variable names hold secrets: KEY, SECRET, TOKEN, PASSWORD, CREDENTIAL and kin.</summary>
internal static partial class SecretNames
{
    public static bool LooksSecret(string name) => SecretPattern().IsMatch(name);

    [GeneratedRegex("(KEY|SECRET|TOKEN|PASSWORD|PASSWD|PWD|CREDENTIAL|PRIVATE|SESSION|COOKIE)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
