using System.Security.Cryptography;
using System.Text;

namespace Greenlight.Dashboard;

/// <summary>
/// Who may read the dashboard when <c>--auth-token-env NAME</c> is given: a request with
/// <c>Authorization: Bearer VALUE</c>, or Basic auth whose password is VALUE (any user name; when
/// VALUE is <c>user:password</c>, exactly that pair). VALUE is compared in constant time, never logged.
/// </summary>
internal sealed class DashboardAuth
{
    private readonly byte[] _secret;
    private readonly byte[]? _pair;

    private DashboardAuth(string secret)
    {
        _secret = Encoding.UTF8.GetBytes(secret);
        _pair = secret.Contains(':', StringComparison.Ordinal) ? _secret : null;
    }

    /// <summary>Reads the secret from the environment variable; a missing or empty one is a precise error, not an open dashboard.</summary>
    public static DashboardAuth FromEnvironment(string variable, Func<string, string?> environment)
    {
        var value = environment(variable);
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"--auth-token-env {variable}: the environment variable {variable} is not set or empty; set it to the token (or user:password) clients must send");
        }

        return new DashboardAuth(value);
    }

    /// <summary>The value that must never appear in a page or a log.</summary>
    public string Secret => Encoding.UTF8.GetString(_secret);

    public bool Allows(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return false;
        }

        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Same(Encoding.UTF8.GetBytes(authorization[7..].Trim()), _secret);
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
            }
            catch (FormatException)
            {
                return false;
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            return _pair is not null
                ? Same(Encoding.UTF8.GetBytes(decoded), _pair)
                : Same(Encoding.UTF8.GetBytes(decoded[(colon + 1)..]), _secret);
        }

        return false;
    }

    private static bool Same(byte[] given, byte[] expected) => CryptographicOperations.FixedTimeEquals(given, expected);
}
