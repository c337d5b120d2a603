using System.Text;
using Greenlight.Tests.Fixtures;
using Greenlight.Tests.Signoffs;
using Newtonsoft.Json.Linq;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Secrets;

public class SecretsCheckTests
{
    private static readonly string OpenAi = $"sk-proj-{FakeSecrets.Random(64, seed: 11)}";
    private static readonly string GitHub = $"ghp_{FakeSecrets.Random(36, seed: 12)}";
    private static readonly string Fixture = $"ghp_{FakeSecrets.Random(36, seed: 13)}";
    private static readonly string Stripe = $"sk_live_{FakeSecrets.Random(30, seed: 14)}";

    private const string Spec = """
        version: 1
        name: leaks
        checks:
          - id: repo.secrets
            kind: secrets
            severity: critical
            allow:
              paths: ["tests/fixtures/**"]
              regexes: ['^sk_live_FAKE']
            baseline: .greenlight/secrets-baseline.json
        """;

    private static async Task<GitRepository> RepositoryAsync()
    {
        var repo = await GitRepository.CreateAsync();
        repo.Write("greenlight.yaml", Spec);
        repo.Write("api/ai_clients.py", $"import os\n\nDEFAULT_KEY = \"{OpenAi}\"\n");
        repo.Write("tests/fixtures/tokens.txt", $"{Fixture}\n");
        repo.Write("config/stripe.py", "STRIPE = 'sk_live_FAKE000000000000000000000000'\n");
        repo.Write(".env", "DATABASE_URL=postgres://localhost/app\n");
        await System.IO.File.WriteAllBytesAsync(Path.Combine(repo.Path, "logo.png"), [0x89, 0x50, 0x4e, 0x47, 0, 0, .. Encoding.ASCII.GetBytes(GitHub)]);
        await repo.CommitAsync("app");
        repo.Write("notes/untracked.txt", $"{GitHub}\n");
        return repo;
    }

    private static JToken Result(JObject json) => json["results"]![0]!;

    [Fact]
    public async Task Check_InARepository_FindsTrackedLeaksMaskedInEveryOutputAndTheStore()
    {
        using var repo = await RepositoryAsync();
        var spec = Path.Combine(repo.Path, "greenlight.yaml");

        var run = await CliHarness.RunAsync("check", "-f", spec, "--format", "json");
        run.ExitCode.ShouldBe(1);
        var result = Result(JObject.Parse(run.Stdout));
        result["outcome"]!.Value<string>().ShouldBe("fail");
        var findings = result["evidence"]!.Single(e => e["name"]!.Value<string>() == "findings")["content"]!.Value<string>()!;
        findings.ShouldContain("api/ai_clients.py:3:16: openai-api-key sk-p… (72 chars)");
        findings.ShouldContain(".env:1:1: dotenv-file");
        findings.ShouldNotContain("untracked.txt");
        findings.ShouldNotContain("tests/fixtures");
        findings.ShouldNotContain("stripe.py");
        result["evidence"]!.Single(e => e["name"]!.Value<string>() == "scan")["content"]!.Value<string>()!.ShouldContain("skipped 1 binary");

        var outputs = new StringBuilder(run.All);
        foreach (var format in new[] { "md", "junit", "html" })
        {
            outputs.Append((await CliHarness.RunAsync("report", "last", "-f", spec, "--format", format)).All);
        }

        outputs.Append((await CliHarness.RunAsync("check", "-f", spec, "--no-color", "--no-store")).All);
        var text = outputs.ToString();
        text.ShouldContain("openai-api-key sk-p…");
        text.ShouldNotContain(OpenAi[4..]);

        foreach (var file in Directory.GetFiles(Path.Combine(repo.Path, ".greenlight")))
        {
            var bytes = Encoding.UTF8.GetString(await System.IO.File.ReadAllBytesAsync(file));
            bytes.ShouldNotContain(OpenAi[4..], customMessage: file);
        }
    }

    [Fact]
    public async Task Baseline_AcceptsTodaysFindingsOnce_NewLeaksStillFail()
    {
        using var repo = await RepositoryAsync();
        var spec = Path.Combine(repo.Path, "greenlight.yaml");

        var baseline = await CliHarness.RunAsync("secrets", "baseline", "-f", spec, "--no-color");
        baseline.ExitCode.ShouldBe(0, baseline.All);
        baseline.Stdout.ShouldContain("repo.secrets: 2 findings accepted");
        var written = await System.IO.File.ReadAllTextAsync(Path.Combine(repo.Path, ".greenlight", "secrets-baseline.json"));
        written.ShouldNotContain(OpenAi[4..]);
        (await CliHarness.RunAsync("check", "-f", spec, "--no-store")).ExitCode.ShouldBe(0);

        repo.Write("api/payments.py", $"KEY = '{Stripe}'\n");
        System.IO.File.Delete(Path.Combine(repo.Path, "notes", "untracked.txt"));
        await repo.CommitAsync("payments");
        var run = await CliHarness.RunAsync("check", "-f", spec, "--format", "json", "--no-store");
        run.ExitCode.ShouldBe(1);
        var message = Result(JObject.Parse(run.Stdout))["message"]!.Value<string>()!;
        message.ShouldContain("1 found: api/payments.py:1:8: stripe-live-key sk_l…", customMessage: message);
    }

    [Fact]
    public async Task Check_HistoryTrue_FindsAKeyDeletedSinceWithItsCommit()
    {
        using var repo = await GitRepository.CreateAsync();
        repo.Write("greenlight.yaml", "version: 1\nname: h\nchecks:\n  - id: s\n    kind: secrets\n    history: true\n    allow:\n      fingerprints: []\n");
        repo.Write("deploy.sh", $"export SLACK=xoxb-123456789012-{FakeSecrets.Random(24, seed: 20)}\n");
        var leaked = await repo.CommitAsync("oops");
        repo.Write("deploy.sh", "export SLACK=$SLACK_TOKEN\n");
        await repo.CommitAsync("rotate");
        var spec = Path.Combine(repo.Path, "greenlight.yaml");

        var run = await CliHarness.RunAsync("check", "-f", spec, "--format", "json", "--no-store");
        run.ExitCode.ShouldBe(1);
        var message = Result(JObject.Parse(run.Stdout))["message"]!.Value<string>()!;
        message.ShouldContain($"deploy.sh:1:14: slack-token xoxb… (42 chars)");
        message.ShouldContain($"in commit {leaked[..12]}");

        repo.Write("greenlight.yaml", "version: 1\nname: h\nchecks:\n  - id: s\n    kind: secrets\n");
        (await CliHarness.RunAsync("check", "-f", spec, "--no-store")).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Check_FingerprintAllowListAndUserRule_AcceptOneAndFindTheOther()
    {
        using var dir = new TempDirectory();
        dir.Write("a.txt", $"{GitHub}\ninternal_token: ACME-{FakeSecrets.Random(24, seed: 30)}\n");
        var first = dir.Write("greenlight.yaml", "version: 1\nname: f\nchecks:\n  - id: s\n    kind: secrets\n    files: ['*.txt']\n    rules:\n      - { id: acme-token, regex: 'ACME-[A-Za-z0-9]{24}', keywords: [ACME-] }\n");
        var json = JObject.Parse((await CliHarness.RunAsync("check", "-f", first, "--format", "json", "--no-store")).Stdout);
        var evidence = Result(json)["evidence"]!.Single(e => e["name"]!.Value<string>() == "findings")["content"]!.Value<string>()!;
        evidence.ShouldContain("a.txt:2:17: acme-token ACME… (29 chars)");
        var fingerprint = evidence.Split('\n').Single(l => l.Contains("github-pat", StringComparison.Ordinal)).Split("fingerprint ")[1][..16];

        dir.Write("greenlight.yaml", $"version: 1\nname: f\nchecks:\n  - id: s\n    kind: secrets\n    files: ['*.txt']\n    disable: [generic-high-entropy]\n    allow:\n      fingerprints: [{fingerprint}]\n");
        (await CliHarness.RunAsync("check", "-f", first, "--no-store")).ExitCode.ShouldBe(0);
    }

    [Theory]
    [InlineData("    disable: [github-pta]\n", "did you mean `github-pat`?")]
    [InlineData("    rules:\n      - { id: x, regex: '(unclosed' }\n", "invalid regular expression")]
    [InlineData("    allow:\n      path: [x]\n", "unknown field `path`")]
    public void Create_BadField_IsALoadError(string field, string message)
    {
        var ex = SpecHarness.LoadFails($"version: 1\nname: m\nchecks:\n  - id: a\n    kind: secrets\n{field}");
        ex.Errors.ShouldContain(e => e.Message.Contains(message, StringComparison.Ordinal), string.Join("\n", ex.Errors));
    }
}
