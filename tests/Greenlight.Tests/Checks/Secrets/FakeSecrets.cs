namespace Greenlight.Tests.Checks.Secrets;

/// <summary>Credentials with the right shape and made-up content, built at run time so no key-shaped literal sits in the repository.</summary>
internal static class FakeSecrets
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Random(int length, string alphabet = Alnum, int seed = 7)
    {
        var random = new Random(seed * 31 + length);
        return new string([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }

    private static string Upper(int n, int seed = 3) => Random(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", seed);

    private static string Hex(int n, int seed = 5) => Random(n, "0123456789abcdef", seed);

    /// <summary>(rule, a line that leaks, a line that looks alike but does not).</summary>
    public static IEnumerable<(string Rule, string Leak, string LookAlike)> Cases()
    {
        yield return ("openai-api-key", $"OPENAI_API_KEY=sk-proj-{Random(64)}", "sk-proj-short");
        yield return ("openai-api-key", $"key = \"sk-{Random(48)}\"", "task-list-xyz");
        yield return ("anthropic-api-key", $"CLAUDE_API_KEY=sk-ant-api03-{Random(80, Alnum + "_-")}", "sk-ant-placeholder");
        yield return ("aws-access-key-id", $"aws_access_key_id = AKIA{Upper(16)}", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE");
        yield return ("aws-secret-access-key", $"aws_secret_access_key = {Random(40, Alnum + "/+")}", "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}");
        yield return ("github-pat", $"token: ghp_{Random(36)}", "ghp_tooShort123");
        yield return ("github-oauth", $"gho_{Random(36)}", "gho_");
        yield return ("github-app-token", $"GH_APP_TOKEN: ghs_{Random(36, seed: 12)}", "ghs_short_lived");
        yield return ("github-fine-grained-pat", $"GH=github_pat_{Random(82, Alnum + "_")}", "github_pat_example");
        yield return ("gitlab-pat", $"glpat-{Random(20, Alnum + "_-")}", "glpat-xxxx");
        yield return ("slack-token", $"SLACK=xoxb-{Random(12, "0123456789")}-{Random(24)}", "xoxb-your-token-here");
        yield return ("slack-webhook", $"url = \"https://hooks.slack.com/services/T{Upper(10)}/B{Upper(10)}/{Random(24)}\"", "https://hooks.slack.com/services/T000/B000/XXX");
        yield return ("stripe-live-key", $"STRIPE=sk_live_{Random(32)}", $"STRIPE=sk_test_{Random(32)}");
        yield return ("google-api-key", $"GOOGLE_KEY=AIza{Random(35, Alnum + "_-")}", "AIzaShort");
        yield return ("twilio-api-key", $"TWILIO_KEY=SK{Hex(32)}", $"DISK{Hex(32)}");
        yield return ("twilio-auth-token", $"twilio_auth_token = \"{Hex(32, 9)}\"", $"md5 = \"{Hex(32, 9)}\"");
        yield return ("sendgrid-api-key", $"SG.{Random(22, Alnum + "_-")}.{Random(43, Alnum + "_-")}", "SG.short.value");
        yield return ("npm-token", $"//registry.npmjs.org/:_authToken=npm_{Random(36)}", "npm_install_log");
        yield return ("jwt", $"Authorization: Bearer eyJ{Random(20)}.eyJ{Random(40)}.{Random(43, Alnum + "_-")}", "eyJhbGciOi");
        yield return ("connection-url-password", "DATABASE_URL=postgres://app:S3cr3t-Pa55@db.internal:5432/app", "DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app");
        // Shapes the rules were not first written from (the bench plants them too).
        yield return ("connection-url-password", $"REDIS_URL=redis://:{Random(24)}@cache.internal:6379/0", "REDIS_URL=redis://:%(redis_password)s@cache:6379/0");
        yield return ("connection-url-password", "URI = \"mysql+pymysql://svc:Ab12cd%40ef34@mysql:3306/app\"", "DATABASE_URL = \"postgres://user:password@localhost/app\"");
        yield return ("openai-api-key", $"OPENAI_KEY='sk-svcacct-{Random(60, Alnum + "_-")}'", $"OPENAI_API_KEY=sk-{new string('x', 48)}");
        yield return ("anthropic-api-key", $"ANTHROPIC_ADMIN_KEY = \"sk-ant-admin01-{Random(93, Alnum + "_-")}\"", "sk-ant-admin01-short");
        yield return ("aws-access-key-id", $"export AWS_ACCESS_KEY_ID=ASIA{Upper(16, 4)}", "export AWS_ACCESS_KEY_ID=ASIAEXAMPLE");
        yield return ("google-api-key", $"<script src=https://maps.googleapis.com/maps/api/js?key=AIza{Random(35, Alnum + "_-", 8)}&callback=init>", "<script src=https://maps.googleapis.com/maps/api/js?key=YOUR_KEY>");
        yield return ("slack-token", $"SLACK=xoxp-{Random(12, "0123456789")}-{Random(12, "0123456789", 2)}-{Random(13, "0123456789")}-{Hex(32)}", "xoxp-000-000");
        yield return ("stripe-live-key", $"stripe_restricted = \"rk_live_{Random(99)}\"", $"stripe_restricted = \"rk_test_{Random(99)}\"");
        yield return ("jwt", $"headers = {{\"Cookie\": \"session=eyJ{Random(24)}.eyJ{Random(48)}.{Random(43, Alnum + "_-")}; Path=/\"}}", "session=eyJhbGciOiJIUzI1NiJ9; Path=/");
        yield return (BuiltInSecretRulesIds.Generic, $"client_secret = \"{Random(32)}\"", "client_secret = \"6f1ed002-ab5d-42b6-a8f4-f3c8e2b7a8d1\"");
    }
}

internal static class BuiltInSecretRulesIds
{
    public const string Generic = "generic-high-entropy";
}
