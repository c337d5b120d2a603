using Greenlight.SecretScanning;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Secrets;

public class SecretScannerTests
{
    private static readonly SecretScanner Scanner = new(BuiltInSecretRules.All, 5 * 1024 * 1024);

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (rule, leak, lookAlike) in FakeSecrets.Cases())
        {
            data.Add(rule, leak, lookAlike);
        }

        return data;
    }

    private static List<SecretFinding> Scan(string text)
    {
        var findings = new List<SecretFinding>();
        Scanner.ScanText(text, "src/app.py", findings.Add);
        return findings;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScanText_EachBuiltInRule_FindsTheLeakAndNotItsLookAlike(string rule, string leak, string lookAlike)
    {
        var found = Scan($"import os\n\n{leak}\nprint('done')\n");
        var finding = found.ShouldHaveSingleItem(string.Join("; ", found.Select(f => f.Describe())));
        finding.RuleId.ShouldBe(rule);
        finding.Line.ShouldBe(3);
        finding.WarnOnly.ShouldBe(rule == BuiltInSecretRulesIds.Generic);
        finding.Masked.ShouldEndWith(" chars)");
        finding.Masked.Length.ShouldBeLessThan(20);

        Scan($"import os\n{lookAlike}\n").ShouldBeEmpty(lookAlike);
    }

    [Fact]
    public void ScanText_PrivateKeyBlock_IsFoundButAHeaderInProseIsNot()
    {
        var body = string.Join("\n", Enumerable.Range(0, 5).Select(i => FakeSecrets.Random(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", i)));
        var found = Scan($"# key\n-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n");
        found.ShouldHaveSingleItem().RuleId.ShouldBe("private-key");
        found[0].Line.ShouldBe(2);
        Scan("Paste the block starting with -----BEGIN PRIVATE KEY----- into the vault.\n").ShouldBeEmpty();
    }

    [Fact]
    public void ScanText_PrivateKeyEscapedInJsonOrIndentedInYaml_IsFound()
    {
        var line = FakeSecrets.Random(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 3);
        var json = Scan($"{{\n  \"type\": \"service_account\",\n  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n{line}\\n{line}\\n-----END PRIVATE KEY-----\\n\",\n}}\n");
        json.ShouldHaveSingleItem(string.Join("; ", json.Select(f => f.Describe()))).RuleId.ShouldBe("private-key");
        json[0].Line.ShouldBe(3);

        var yaml = Scan($"deploy:\n  key: |\n    -----BEGIN OPENSSH PRIVATE KEY-----\n    {line}\n    {line}\n    -----END OPENSSH PRIVATE KEY-----\n");
        yaml.ShouldHaveSingleItem().Line.ShouldBe(3);
        yaml[0].Masked.ShouldStartWith(line[..4]);

        Scan("The JSON holds \"-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\" for the service account.\n").ShouldBeEmpty();
    }

    [Fact]
    public void ScanText_WindowsLineEndings_ReportTheRightLinesAndValues()
    {
        var pat = $"ghp_{FakeSecrets.Random(36)}";
        var found = Scan($"import os\r\n\r\nTOKEN = {pat}\r\nURL = postgres://app:S3cr3t-Pa55@db:5432/app\r\n");
        found.Select(f => (f.RuleId, f.Line)).ShouldBe([("github-pat", 3), ("connection-url-password", 4)]);
        found[1].Masked.ShouldBe("S3cr… (11 chars)");
    }

    [Fact]
    public void ScanText_TokenInACloneUrl_IsTheTokenAndTheUrlPassword()
    {
        var token = $"ghs_{FakeSecrets.Random(36, seed: 11)}";
        var found = Scan($"os.system(\"git clone https://x-access-token:{token}@github.com/acme/app.git\")\n");
        found.Select(f => f.RuleId).Order(StringComparer.Ordinal).ShouldBe(["connection-url-password", "github-app-token"]);
        var prefix = token[..10];
        found.ShouldAllBe(f => f.Masked.StartsWith("ghs_", StringComparison.Ordinal) && !f.Describe().Contains(prefix));
    }

    [Fact]
    public void ScanText_UserRuleWithAShortKeyword_IsStillSearched()
    {
        var rule = BuiltInSecretRules.Rule("acme-key", "Acme key", ["K9"], @"(K9[0-9]{12})");
        var scanner = new SecretScanner([.. BuiltInSecretRules.All, rule], 1024);
        var findings = new List<SecretFinding>();
        scanner.ScanText($"x = 1\nacme = K9{FakeSecrets.Random(12, "0123456789")}\nk9 = K8000000000000\n", "a.py", findings.Add);
        findings.ShouldHaveSingleItem().RuleId.ShouldBe("acme-key");
        findings[0].Line.ShouldBe(2);
    }

    [Fact]
    public async Task ScanFilesAsync_ManyFilesOnEveryCore_FindEachLeakOnceInFileOrder()
    {
        using var dir = new Fixtures.TempDirectory();
        var files = new List<(string, string)>();
        for (var i = 0; i < 300; i++)
        {
            var body = string.Join("\n", Enumerable.Range(0, 40).Select(n => $"value_{n} = compute({n}, {i})"));
            var leak = i % 30 == 7 ? $"\nKEY = \"AIza{FakeSecrets.Random(35, seed: i)}\"" : "";
            files.Add(($"m{i:D3}.py", dir.Write($"m{i:D3}.py", body + leak + "\n")));
        }

        var result = await Scanner.ScanFilesAsync(files, CancellationToken.None);

        result.Findings.Select(f => (f.File, f.Line)).ShouldBe(Enumerable.Range(0, 10).Select(k => ($"m{k * 30 + 7:D3}.py", 41)));
        result.FilesScanned.ShouldBe(300);
        result.BytesScanned.ShouldBe(files.Sum(f => new FileInfo(f.Item2).Length));
    }

    [Fact]
    public void ScanText_Finding_NeverHoldsTheSecret()
    {
        var key = $"sk-proj-{FakeSecrets.Random(64)}";
        var finding = Scan($"OPENAI_API_KEY={key}\n").ShouldHaveSingleItem();
        finding.Masked.ShouldBe("sk-p… (72 chars)");
        finding.Describe().ShouldNotContain(key[..12]);
        finding.Column.ShouldBe(16);
        finding.Fingerprint.Length.ShouldBe(16);
    }

    [Fact]
    public void ScanText_UuidsAndHashes_AreNotReported()
    {
        var text = string.Join("\n", Enumerable.Range(0, 50).Select(i =>
            $"id_{i} = \"{Guid.NewGuid()}\"  # sha1 {FakeSecrets.Random(40, "0123456789abcdef", i)} token_hash = \"{FakeSecrets.Random(64, "0123456789abcdef", i + 100)}\""));
        Scan(text).ShouldBeEmpty();
    }

    [Fact]
    public async Task ScanFilesAsync_BinaryAndLargeFiles_AreSkippedAndCounted()
    {
        using var dir = new Fixtures.TempDirectory();
        var text = dir.Write("a.txt", $"k=ghp_{FakeSecrets.Random(36)}\n");
        var binary = Path.Combine(dir.Path, "b.bin");
        await System.IO.File.WriteAllBytesAsync(binary, [0x7f, 0x45, 0, 1, .. System.Text.Encoding.ASCII.GetBytes($"ghp_{FakeSecrets.Random(36)}")]);
        var large = dir.Write("c.txt", new string('a', 2000) + $"ghp_{FakeSecrets.Random(36)}");

        var result = await new SecretScanner(BuiltInSecretRules.All, 1000).ScanFilesAsync([("a.txt", text), ("b.bin", binary), ("c.txt", large)], CancellationToken.None);

        result.Findings.ShouldHaveSingleItem().File.ShouldBe("a.txt");
        (result.FilesScanned, result.SkippedBinary, result.SkippedLarge).ShouldBe((1, 1, 1));
    }

    private static List<string> ScanAsBytes(string text)
    {
        var findings = new List<SecretFinding>();
        Scanner.ScanBytes(System.Text.Encoding.UTF8.GetBytes(text), "src/app.py", findings.Add);
        return [.. findings.Select(f => $"{f.Describe()} {f.WarnOnly}")];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScanBytes_EachBuiltInRule_FindsWhatScanTextFinds(string rule, string leak, string lookAlike)
    {
        Scanner.SearchesBytes.ShouldBeTrue("the built-in rules' keywords are all searchable as bytes");

        // Every offset against the 32-byte blocks of the search, and a last line without its newline.
        for (var pad = 0; pad < 40; pad++)
        {
            foreach (var text in new[] { $"{new string(' ', pad)}{leak}\nx = 1\n", $"é = 'ü'\r\n{new string('#', pad)} {leak}", $"{lookAlike}\n{new string('-', pad)}" })
            {
                ScanAsBytes(text).ShouldBe([.. Scan(text).Select(f => $"{f.Describe()} {f.WarnOnly}")], $"{rule} at {pad}: {text}");
            }
        }
    }

    [Fact]
    public void ScanBytes_KeyBlocksAndKeywordsInAnyCase_AreFoundAsScanTextFindsThem()
    {
        var body = string.Join("\n", Enumerable.Range(0, 5).Select(i => FakeSecrets.Random(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", i)));
        var token = FakeSecrets.Random(36, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 7);
        var text = $"# clé\n-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n" +
            $"API_KEY = \"{FakeSecrets.Random(32, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 9)}\"\nAWS_SECRET_ACCESS_KEY={FakeSecrets.Random(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+", 11)}\n" +
            $"Private_Key: \"{FakeSecrets.Random(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 13)}\"\nurl = 'https://x:{token}@github.com/a'\n";
        var expected = Scan(text).Select(f => $"{f.Describe()} {f.WarnOnly}").ToList();
        expected.Count.ShouldBeGreaterThanOrEqualTo(4, string.Join("; ", expected));
        ScanAsBytes(text).ShouldBe(expected);
    }

    [Fact]
    public void ScanBytes_KeyBlockAtTheEndOfALineLongerThanTheWindow_IsFoundAsScanTextFindsIt()
    {
        // A spanning rule reads 16 K past its line: counted from the line's start, a longer line cut the block off.
        var body = string.Join("\n", Enumerable.Range(0, 3).Select(i => FakeSecrets.Random(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 20 + i)));
        var text = $"x = 1\nblob = '{new string('a', 20_000)}' # é -----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n";
        var found = Scan(text);
        found.ShouldHaveSingleItem(string.Join("; ", found.Select(f => f.Describe()))).RuleId.ShouldBe("private-key");
        found[0].Line.ShouldBe(2);
        ScanAsBytes(text).ShouldBe([.. found.Select(f => $"{f.Describe()} {f.WarnOnly}")]);
    }
}
