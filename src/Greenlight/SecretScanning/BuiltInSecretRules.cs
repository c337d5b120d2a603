using System.Text.RegularExpressions;

namespace Greenlight.SecretScanning;

/// <summary>The credentials Greenlight knows by shape. Each regex is anchored on a literal keyword, so a file without one costs a single vectorised search.</summary>
internal static class BuiltInSecretRules
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public const string GenericId = "generic-high-entropy";

    public static IReadOnlyList<SecretRule> All { get; } =
    [
        Rule("openai-api-key", "OpenAI API key", ["sk-"],
            @"(?<![A-Za-z0-9_-])(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|sk-[A-Za-z0-9]{48}|sk-[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])") with { MinEntropy = 3.5 },
        Rule("anthropic-api-key", "Anthropic API key", ["sk-ant-"],
            @"(?<![A-Za-z0-9_-])(sk-ant-[a-z]{3,8}\d{2}-[A-Za-z0-9_-]{32,})(?![A-Za-z0-9_-])") with { MinEntropy = 3.5 },
        Rule("aws-access-key-id", "AWS access key id", ["AKIA", "ASIA", "ABIA", "ACCA"],
            @"(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Z0-9])") with { Accept = s => !s.EndsWith("EXAMPLE", StringComparison.Ordinal), MinEntropy = 3.0 },
        Rule("aws-secret-access-key", "AWS secret access key", ["aws"],
            @"(?i:aws)[A-Za-z0-9_.-]{0,24}(?i:secret|sk)[A-Za-z0-9_.-]{0,24}['""]?\s*(?::|=|:=|=>)\s*['""]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])") with { KeywordsIgnoreCase = true, MinEntropy = 4.0 },
        Rule("github-pat", "GitHub personal access token", ["ghp_"], @"(?<![A-Za-z0-9_])(ghp_[A-Za-z0-9]{36})(?![A-Za-z0-9])") with { MinEntropy = 3.5 },
        Rule("github-oauth", "GitHub OAuth token", ["gho_"], @"(?<![A-Za-z0-9_])(gho_[A-Za-z0-9]{36})(?![A-Za-z0-9])") with { MinEntropy = 3.5 },
        Rule("github-app-token", "GitHub app token", ["ghu_", "ghs_", "ghr_"], @"(?<![A-Za-z0-9_])(gh[usr]_[A-Za-z0-9]{36})(?![A-Za-z0-9])") with { MinEntropy = 3.5 },
        Rule("github-fine-grained-pat", "GitHub fine-grained token", ["github_pat_"], @"(?<![A-Za-z0-9_])(github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])") with { MinEntropy = 3.5 },
        Rule("gitlab-pat", "GitLab personal access token", ["glpat-"], @"(?<![A-Za-z0-9_-])(glpat-[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])") with { MinEntropy = 3.0 },
        Rule("slack-token", "Slack token", ["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"], @"(?<![A-Za-z0-9])(xox[abprs]-[0-9]{6,}-[0-9A-Za-z-]{10,})(?![A-Za-z0-9-])") with { MinEntropy = 3.0 },
        Rule("slack-webhook", "Slack incoming webhook", ["hooks.slack.com"], @"(https://hooks\.slack\.com/(?:services|workflows)/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,})"),
        Rule("stripe-live-key", "Stripe live secret key", ["sk_live_", "rk_live_"], @"(?<![A-Za-z0-9_])((?:sk|rk)_live_[A-Za-z0-9]{24,})(?![A-Za-z0-9])") with { MinEntropy = 3.5 },
        Rule("google-api-key", "Google API key", ["AIza"], @"(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])") with { MinEntropy = 3.5 },
        Rule("twilio-api-key", "Twilio API key", [.. "0123456789abcdef".Select(c => $"SK{c}")], @"(?<![A-Za-z0-9])(SK[0-9a-f]{32})(?![A-Za-z0-9])") with { MinEntropy = 3.0 },
        Rule("twilio-auth-token", "Twilio auth token", ["twilio"],
            @"(?i:twilio)[A-Za-z0-9_.-]{0,24}(?i:token|auth|secret)[A-Za-z0-9_.-]{0,24}['""]?\s*(?::|=|:=|=>)\s*['""]?([0-9a-f]{32})(?![A-Za-z0-9])") with { KeywordsIgnoreCase = true, MinEntropy = 3.0 },
        Rule("sendgrid-api-key", "SendGrid API key", ["SG."], @"(?<![A-Za-z0-9_-])(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])") with { MinEntropy = 3.5 },
        Rule("npm-token", "npm access token", ["npm_"], @"(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])") with { MinEntropy = 3.5 },
        Rule("jwt", "JSON Web Token", ["eyJ"], @"(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,})(?![A-Za-z0-9_-])"),
        Rule("private-key", "private key block", ["-----BEGIN"],
            @"-----BEGIN ((?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----(?:\r?\n|\\(?:r\\)?n)(?:[ \t]*[A-Za-z-]+:[^\n\\]*(?:\r?\n|\\(?:r\\)?n))*(?:[ \t]*(?:\r?\n|\\(?:r\\)?n))?[ \t]*([A-Za-z0-9+/=]{40,})", SecretGroup: 2) with { SpansLines = true },
        Rule("connection-url-password", "password in a connection URL", ["://"],
            @"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}://[^\s:/@'""`]{0,128}:([^\s:/@'""`]{3,256})@[A-Za-z0-9.-]+") with { Accept = IsRealPassword },
        Rule(GenericId, "high-entropy value assigned to a secret-looking name", ["secret", "token", "passw", "api_key", "apikey", "api-key", "access_key", "auth_key", "private_key"],
            @"(?i:secret|token|passw(?:or)?d|api[_-]?key|access[_-]?key|auth[_-]?key|private[_-]?key)[A-Za-z0-9_-]{0,20}['""]?\s*(?::|=|:=|=>)\s*['""]([A-Za-z0-9+/_.=-]{20,})['""]")
            with { KeywordsIgnoreCase = true, WarnOnly = true, MinEntropy = 4.0, Accept = LooksRandom },
    ];

    /// <summary>Files named like a committed environment file; templates (.env.example) are meant to be committed.</summary>
    public static bool IsDotEnv(string relativePath)
    {
        var name = relativePath[(relativePath.LastIndexOf('/') + 1)..];
        if (name == ".env")
        {
            return true;
        }

        return name.StartsWith(".env.", StringComparison.Ordinal) &&
            name[5..] is not ("example" or "sample" or "template" or "dist" or "defaults" or "schema");
    }

    public const string DotEnvId = "dotenv-file";

    public static SecretRule Rule(string id, string description, string[] keywords, string pattern, int SecretGroup = 1) =>
        new(id, description, keywords, new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout), SecretGroup);

    /// <summary>${DB_PASSWORD}, &lt;password&gt;, %s, ***, "password" and the like are placeholders, not leaks.</summary>
    private static bool IsRealPassword(string value) =>
        value.IndexOfAny(['$', '{', '}', '<', '>', '*', '[', '(']) < 0 && !HasPrintfPlaceholder(value) &&
        !value.Equals("password", StringComparison.OrdinalIgnoreCase) && !value.Equals("pass", StringComparison.OrdinalIgnoreCase) &&
        !value.Equals("secret", StringComparison.OrdinalIgnoreCase) && !value.Equals("changeme", StringComparison.OrdinalIgnoreCase) &&
        !value.All(c => c is 'x' or 'X');

    /// <summary>%s and %(name)s are placeholders; %40 is a percent-encoded character of a real password.</summary>
    private static bool HasPrintfPlaceholder(string value)
    {
        for (var i = value.IndexOf('%'); i >= 0; i = value.IndexOf('%', i + 1))
        {
            if (i + 2 >= value.Length || !Uri.IsHexDigit(value[i + 1]) || !Uri.IsHexDigit(value[i + 2]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Hashes (hex) and UUIDs are high-entropy but not secrets; a secret mixes letters and digits.</summary>
    private static bool LooksRandom(string value) =>
        !value.All(Uri.IsHexDigit) &&
        !Guid.TryParse(value, out _) &&
        value.Any(char.IsAsciiDigit) && value.Any(char.IsAsciiLetterUpper) && value.Any(char.IsAsciiLetterLower) &&
        !value.Contains('.', StringComparison.Ordinal);
}
