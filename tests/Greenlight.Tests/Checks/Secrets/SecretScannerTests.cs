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
}
