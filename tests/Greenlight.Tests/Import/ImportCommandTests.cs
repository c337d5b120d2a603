using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Import;

/// <summary><c>greenlight import</c> through the real process: the spec on stdout only, the account on stderr, exit codes.</summary>
public class ImportCommandTests
{
    private static string Seed(string name) => Path.Combine(RepositoryPaths.Examples, "checklists", name);

    [Fact]
    public async Task Import_Seed001_WritesOnlyTheSpecToStdout_AndTheAccountToStderr()
    {
        using var dir = new TempDirectory();
        var run = await CliHarness.RunProcessAsync(dir.Path, null, "import", Seed("001-raw-response-storage.md"));

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldStartWith("# Imported from 001-raw-response-storage.md");
        run.Stdout.ShouldContain("rows == 9");
        run.Stderr.ShouldContain("items →");
        run.Stderr.ShouldContain("001-raw-response-storage.md:120  git add src/lib/services/");
        run.All.ShouldNotContain("\u001b[");

        var spec = Path.Combine(dir.Path, "greenlight.yaml");
        await File.WriteAllTextAsync(spec, run.Stdout);
        var validate = await CliHarness.RunProcessAsync(dir.Path, new Dictionary<string, string> { ["DATABASE_URL"] = "postgres://u@127.0.0.1:1/x", ["API_BASE"] = "http://127.0.0.1:9" }, "validate", "-f", spec);
        validate.ExitCode.ShouldBe(0, validate.All);
    }

    [Fact]
    public async Task Import_Out_RefusesToOverwriteWithoutForce()
    {
        using var dir = new TempDirectory();
        var spec = Path.Combine(dir.Path, "greenlight.yaml");
        await File.WriteAllTextAsync(spec, "keep me");

        var refused = await CliHarness.RunAsync("import", Seed("004-phase4-checklist.md"), "--out", spec);
        refused.ExitCode.ShouldBe(2);
        refused.Stderr.ShouldContain("--force");
        (await File.ReadAllTextAsync(spec)).ShouldBe("keep me");

        var forced = await CliHarness.RunAsync("import", Seed("004-phase4-checklist.md"), "--out", spec, "--force");
        forced.ExitCode.ShouldBe(0, forced.Stderr);
        forced.Stdout.ShouldBeEmpty();
        (await File.ReadAllTextAsync(spec)).ShouldContain("idx_user_tool_history_metrics");
    }

    [Fact]
    public async Task Import_ADocumentWithoutAChecklist_OrNoFile_ExitsTwo()
    {
        using var dir = new TempDirectory();
        var notes = Path.Combine(dir.Path, "notes.md");
        await File.WriteAllTextAsync(notes, "# Notes\n\nWe talked about the release. Nothing to run.\n");

        var empty = await CliHarness.RunAsync("import", notes);
        empty.ExitCode.ShouldBe(2);
        empty.Stderr.ShouldContain("no checklist found");
        empty.Stdout.ShouldBeEmpty();

        var missing = await CliHarness.RunAsync("import", Path.Combine(dir.Path, "nope.md"));
        missing.ExitCode.ShouldBe(2);
        missing.Stderr.ShouldContain("no such file");
    }
}
