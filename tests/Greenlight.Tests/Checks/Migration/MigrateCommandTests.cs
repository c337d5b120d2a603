using System.Text.Json;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Migration;

/// <summary>`greenlight migrate lint|plan`: the JSON contract, exit codes, and the dry-run through the CLI.</summary>
[Collection("postgres")]
public class MigrateCommandTests(PostgresServer postgres)
{
    [Fact]
    public async Task Lint_Json_IsTheContract()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("003_drop.sql", "-- cleanup\nSET lock_timeout = '2s';\n  ALTER TABLE users DROP COLUMN legacy;\n");

        var run = await CliHarness.RunAsync("migrate", "lint", "--format", "json", file);

        run.ExitCode.ShouldBe(1);
        var json = JsonDocument.Parse(run.Stdout).RootElement;
        json.GetProperty("schema").GetString().ShouldBe("greenlight.migration-lint/v1");
        var only = json.GetProperty("files").EnumerateArray().ShouldHaveSingleItem();
        only.GetProperty("path").GetString().ShouldBe(file);
        only.GetProperty("statements").GetInt32().ShouldBe(2);
        var finding = only.GetProperty("findings").EnumerateArray().ShouldHaveSingleItem();
        finding.EnumerateObject().Select(p => p.Name).ShouldBe(["rule", "severity", "line", "column", "statement", "message", "fix"]);
        (finding.GetProperty("rule").GetString(), finding.GetProperty("severity").GetString(), finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32())
            .ShouldBe(("drop-column", "high", 3, 3));
        finding.GetProperty("statement").GetString().ShouldBe("ALTER TABLE users DROP COLUMN legacy");
    }

    [Fact]
    public async Task Lint_Folder_PathsAreRelativeToTheGivenFolderAndExitZeroWithoutHighFindings()
    {
        using var dir = new TempDirectory();
        dir.Write("migrations/001.sql", "CREATE TABLE IF NOT EXISTS t (id int);\nCREATE INDEX IF NOT EXISTS t_id ON t (id);\n");
        dir.Write("migrations/002.sql", "SET lock_timeout = '2s';\nCREATE INDEX IF NOT EXISTS t_id2 ON old_table (id);\n");

        var run = await CliHarness.RunAsync("migrate", "lint", "--format", "json", Path.Combine(dir.Path, "migrations"));

        run.ExitCode.ShouldBe(0, run.All);
        var files = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("files").EnumerateArray().ToList();
        files.Select(f => f.GetProperty("path").GetString()).ShouldBe([Path.Combine(dir.Path, "migrations") + "/001.sql", Path.Combine(dir.Path, "migrations") + "/002.sql"]);
        files[0].GetProperty("findings").GetArrayLength().ShouldBe(0);
        files[1].GetProperty("findings").EnumerateArray().Single().GetProperty("rule").GetString().ShouldBe("create-index-not-concurrently");
    }

    [Theory]
    [InlineData("no-such-folder")]
    [InlineData("--allow", "no-such-rule", "x.sql")]
    [InlineData("--format", "xml", "x.sql")]
    [InlineData("bad.sql")]
    public async Task Lint_BadInput_ExitsTwo(params string[] args)
    {
        using var dir = new TempDirectory();
        dir.Write("x.sql", "SELECT 1;");
        dir.Write("bad.sql", "SELECT 'unterminated;");

        var run = await CliHarness.RunAsync(["migrate", "lint", .. args.Select(a => a.EndsWith(".sql", StringComparison.Ordinal) || a == "no-such-folder" ? Path.Combine(dir.Path, a) : a)]);

        run.ExitCode.ShouldBe(2, run.All);
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Plan_WithATarget_ShowsStatementsLocksAndChanges()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, "CREATE TABLE conversations (id int PRIMARY KEY); INSERT INTO conversations SELECT generate_series(1, 50);");
        using var dir = new TempDirectory();
        var file = dir.Write("001.sql", "SET lock_timeout = '2s';\nALTER TABLE conversations ADD COLUMN IF NOT EXISTS note text;\n");

        var console = await CliHarness.RunAsync("migrate", "plan", file, "--target", url);
        var json = await CliHarness.RunAsync("migrate", "plan", file, "--target", url, "--format", "json");

        console.ExitCode.ShouldBe(0, console.All);
        console.Stdout.ShouldContain("takes ACCESS EXCLUSIVE on conversations (50 rows");
        console.Stdout.ShouldContain("column conversations.note added");
        var plan = JsonDocument.Parse(json.Stdout).RootElement;
        plan.GetProperty("schema").GetString().ShouldBe("greenlight.migration-plan/v1");
        plan.GetProperty("added_columns").EnumerateArray().Select(c => c.GetString()).ShouldBe(["conversations.note"]);
        plan.GetProperty("dry_run").GetProperty("statements")[1].GetProperty("status").GetString().ShouldBe("ran");
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("plan")]
    public async Task Help_IsStable(string command)
    {
        var run = await CliHarness.RunProcessAsync(AppContext.BaseDirectory, null, "migrate", command, "--help");

        run.ExitCode.ShouldBe(0);
        Snapshot.Match($"help-migrate-{command}", run.Stdout);
    }
}
