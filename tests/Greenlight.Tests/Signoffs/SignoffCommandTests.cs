using Greenlight.Tests.Fixtures;
using Newtonsoft.Json.Linq;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Signoffs;

public class SignoffCommandTests
{
    private const string Spec = """
        version: 1
        name: review
        checks:
          - id: changes.reviewed
            kind: manual
            prompt: Were the changes reviewed by two people?
            requires: 2
            not_by: commit_author
            severity: high
          - id: team.trained
            kind: manual
            prompt: Is the team trained on the new flow?
            valid_for: any
            severity: medium
        """;

    private static async Task<(JObject Json, int Code)> CheckAsync(string spec)
    {
        var run = await CliHarness.RunAsync("check", "-f", spec, "--format", "json", "--no-prompt");
        return (JObject.Parse(run.Stdout), run.ExitCode);
    }

    private static string Outcome(JObject json, string id) => json["results"]!.Single(r => r["id"]!.Value<string>() == id)["outcome"]!.Value<string>()!;

    [Fact]
    public async Task Signoff_TwoPeopleNotTheAuthor_TurnsPendingIntoPass()
    {
        using var repo = await GitRepository.CreateAsync();
        var spec = repo.Write("greenlight.yaml", Spec);
        await repo.CommitAsync("feature");

        var (json, code) = await CheckAsync(spec);
        code.ShouldBe(1);
        Outcome(json, "changes.reviewed").ShouldBe("pending");
        json["verdict"]!.Value<string>().ShouldBe("no_go");
        json["counts"]!["pending"]!.Value<int>().ShouldBe(2);

        var author = await CliHarness.RunAsync("signoff", "changes.reviewed", "--by", "Ada Author", "-f", spec, "--no-color");
        author.ExitCode.ShouldBe(2);
        author.Stdout.ShouldContain("may not sign `changes.reviewed` (not_by: commit_author)");
        (await CliHarness.RunAsync("signoff", "changes.reviewed", "--by", "ada@example.com", "-f", spec)).ExitCode.ShouldBe(2);

        var first = await CliHarness.RunAsync("signoff", "changes.reviewed", "--by", "bob", "--note", "read the diff", "-f", spec, "--no-color");
        first.ExitCode.ShouldBe(0, first.All);
        first.Stdout.ShouldContain("1 of 2, 1 more needed");
        (await CliHarness.RunAsync("signoff", "changes.reviewed", "--by", "Bob", "-f", spec)).ExitCode.ShouldBe(0);
        Outcome((await CheckAsync(spec)).Json, "changes.reviewed").ShouldBe("pending");

        (await CliHarness.RunAsync("signoff", "changes.reviewed", "--by", "carol", "-f", spec)).ExitCode.ShouldBe(0);
        (await CliHarness.RunAsync("signoff", "team.trained", "--by", "carol", "-f", spec)).ExitCode.ShouldBe(0);
        (json, code) = await CheckAsync(spec);
        code.ShouldBe(0);
        json["verdict"]!.Value<string>().ShouldBe("go");
        var evidence = json["results"]!.Single(r => r["id"]!.Value<string>() == "changes.reviewed")["evidence"]![0]!["content"]!.Value<string>()!;
        evidence.ShouldContain("signed by bob at ");
        evidence.ShouldContain(": read the diff");
        evidence.ShouldContain("not counted: Bob");
    }

    [Fact]
    public async Task Signoff_ForAnOldCommit_DoesNotCountUnlessValidForAny()
    {
        using var repo = await GitRepository.CreateAsync();
        var spec = repo.Write("greenlight.yaml", Spec);
        var old = await repo.CommitAsync("v1");
        foreach (var (id, by) in new[] { ("changes.reviewed", "bob"), ("changes.reviewed", "carol"), ("team.trained", "dana") })
        {
            (await CliHarness.RunAsync("signoff", id, "--by", by, "-f", spec)).ExitCode.ShouldBe(0);
        }

        (await CheckAsync(spec)).Code.ShouldBe(0);

        repo.Write("app.py", "print('v2')\n");
        await repo.CommitAsync("v2");
        var (json, code) = await CheckAsync(spec);
        code.ShouldBe(1);
        Outcome(json, "changes.reviewed").ShouldBe("pending");
        Outcome(json, "team.trained").ShouldBe("pass");
        json["results"]!.Single(r => r["id"]!.Value<string>() == "changes.reviewed")["message"]!.Value<string>()!
            .ShouldContain($"given for commit {old[..12]}");

        var list = await CliHarness.RunAsync("signoff", "--list", "-f", spec, "--no-color");
        list.ExitCode.ShouldBe(0);
        list.Stdout.ShouldContain("pending 0/2");
        list.Stdout.ShouldContain("(not counted) bob");
        list.Stdout.ShouldContain("signed");
    }

    [Fact]
    public async Task Signoff_NotAManualCheckOrUnknown_IsExit2()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", Spec.Replace("checks:\n", "checks:\n  - { id: build, kind: command, run: \"true\" }\n", StringComparison.Ordinal));

        var unknown = await CliHarness.RunAsync("signoff", "changes.reveiwed", "--by", "bob", "-f", spec, "--no-color");
        unknown.ExitCode.ShouldBe(2);
        unknown.Stdout.ShouldContain("did you mean `changes.reviewed`?");
        var command = await CliHarness.RunAsync("signoff", "build", "--by", "bob", "-f", spec, "--no-color");
        command.ExitCode.ShouldBe(2);
        command.Stdout.ShouldContain("only manual checks are signed off");
        (await CliHarness.RunAsync("signoff", "build", "-f", spec)).ExitCode.ShouldBe(2);
    }
}
