using System.Text;

namespace Greenlight.Checks.Http;

/// <summary>
/// What a request sends as credentials: the values of Authorization, Cookie, X-Api-Key and other
/// secret-looking headers, and of query parameters named like secrets (api_key, token, key,
/// signature …). They are secrets wherever they come back, whatever the variable they came from.
/// </summary>
internal static class Credentials
{
    /// <summary>Headers whose values are credentials whatever they contain.</summary>
    private static readonly HashSet<string> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "Api-Key", "X-Auth-Token", "X-Access-Token", "X-Csrf-Token",
    };

    private static readonly HashSet<string> QueryNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "api_key", "apikey", "api-key", "key", "token", "access_token", "id_token", "refresh_token", "auth", "signature", "sig", "secret", "password", "client_secret", "code",
    };

    /// <summary>Credentials by header name: the list above, and any name that looks secret (X-Session-Token).</summary>
    public static bool IsSensitiveHeader(string name) => Headers.Contains(name) || Greenlight.Secrets.SecretNames.LooksSecret(name);

    public static bool IsSensitiveQueryName(string name) => QueryNames.Contains(name) || Greenlight.Secrets.SecretNames.LooksSecret(name);

    /// <summary>Every credential value the request sends, with the parts that travel on their own (a bearer token, a cookie's value).</summary>
    public static IEnumerable<string> Sent(Uri uri, IEnumerable<(string Name, string Value)> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (!IsSensitiveHeader(name) || value.Length == 0)
            {
                continue;
            }

            yield return value;
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            if (name.EndsWith("Authorization", StringComparison.OrdinalIgnoreCase) && space > 0)
            {
                var credential = value[(space + 1)..].Trim();
                yield return credential;
                if (value[..space].Equals("Basic", StringComparison.OrdinalIgnoreCase) && Decode(credential) is { } pair && pair.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
                {
                    yield return pair[(colon + 1)..];
                }
            }

            if (name.Contains("Cookie", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var cookie in value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = cookie.IndexOf('=', StringComparison.Ordinal);
                    if (equals > 0)
                    {
                        yield return cookie[(equals + 1)..];
                    }
                }
            }
        }

        foreach (var (name, value) in Query(uri))
        {
            if (IsSensitiveQueryName(name) && value.Length > 0)
            {
                yield return value;
            }
        }
    }

    public static IEnumerable<(string Name, string Value)> Query(Uri uri)
    {
        foreach (var part in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            yield return (Unescape(name), Unescape(value));
        }
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static string? Decode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
