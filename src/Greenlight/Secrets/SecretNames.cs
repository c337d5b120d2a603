using System.Text.RegularExpressions;

namespace Greenlight.Secrets;

/// <summary>Which variable names hold secrets: KEY, SECRET, TOKEN, PASSWORD, CREDENTIAL and kin.</summary>
internal static partial class SecretNames
{
    /// <summary>
    /// Names the rule would catch that hold no secret: the working directory (PWD matches *PWD*),
    /// session bookkeeping of desktops and terminals, and folders. Masking these would hide every
    /// path under the working directory in every output.
    /// </summary>
    public static IReadOnlySet<string> KnownNonSecrets { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "PWD", "OLDPWD",
        "XDG_SESSION_ID", "XDG_SESSION_TYPE", "XDG_SESSION_CLASS", "XDG_SESSION_DESKTOP", "XDG_SESSION_PATH",
        "DESKTOP_SESSION", "SESSION_MANAGER", "DBUS_SESSION_BUS_ADDRESS", "TERM_SESSION_ID",
        "GNOME_KEYRING_CONTROL", "GNOME_KEYRING_PID", "PASSWORD_STORE_DIR", "KEYTIMEOUT",
    };

    public static bool LooksSecret(string name) => !KnownNonSecrets.Contains(name) && SecretPattern().IsMatch(name);

    [GeneratedRegex("(KEY|SECRET|TOKEN|PASSWORD|PASSWD|PWD|CREDENTIAL|PRIVATE|SESSION|COOKIE)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
