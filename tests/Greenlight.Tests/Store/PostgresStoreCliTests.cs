using Greenlight.Tests.Fixtures;
using Newtonsoft.Json.Linq;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Store;

[Collection("postgres")]
public class PostgresStoreCliTests(PostgresServer postgres)
{
    [Fact]
    public async Task Check_WithPostgresStore_IsSharedByEveryReader()
    {
        var url = await postgres.CreateDatabaseAsync();
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", "version: 1\nname: shared\nchecks:\n  - { id: a, kind: command, run: \"echo shared\" }\n");
        var written = Path.Combine(dir.Path, "written.json");

        (await CliHarness.RunAsync("check", "-f", spec, "--store", url, "--format", "json", "--out", written)).ExitCode.ShouldBe(0);
        var history = await CliHarness.RunAsync("history", "--store", url, "--no-color");
        var rebuilt = await CliHarness.RunAsync("report", "last", "--store", url, "--format", "json");

        history.Stdout.ShouldContain("shared");
        rebuilt.Stdout.ShouldBe(await File.ReadAllTextAsync(written));
        File.Exists(Path.Combine(dir.Path, ".greenlight", "history.db")).ShouldBeFalse();
    }

    [Fact]
    public async Task Check_UnreachableStore_IsAClearErrorWithoutThePassword()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", "version: 1\nname: x\nchecks:\n  - { id: a, kind: command, run: \"true\" }\n");

        var run = await CliHarness.RunAsync("check", "-f", spec, "--store", "postgres://app:pw-never-shown@127.0.0.1:9/nothing", "--no-color");

        run.ExitCode.ShouldBe(2);
        run.All.ShouldContain("cannot open the store at postgres://app:***@127.0.0.1:9/nothing");
        run.All.ShouldContain("--no-store");
        run.All.ShouldNotContain("pw-never-shown");
    }
}
