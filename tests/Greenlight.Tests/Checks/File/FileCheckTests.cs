using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.File;

public class FileCheckTests
{
    private static Task<RunReport> Run(string check, string directory) =>
        SpecHarness.RunAsync($"version: 1\nname: x\nchecks:\n{check}", directory: directory);

    [Fact]
    public async Task Observe_BackupWithinTheHour_Passes()
    {
        using var dir = new TempDirectory();
        var old = dir.Write("backups/backup-20250101.sql", "-- old");
        System.IO.File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-2));
        dir.Write("backups/backup-20250102.sql", "CREATE TABLE user_contexts (user_id TEXT PRIMARY KEY);");

        var result = (await Run("""
              - id: backup
                kind: file
                path: backups/backup-*.sql
                expect: [exists == true, age < 1h, size > 10B, 'content contains "CREATE TABLE user_contexts"', 'path matches /20250102/']
            """, dir.Path)).Result("backup");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
    }

    [Fact]
    public async Task Observe_StaleFile_FailsWithItsAge()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("backup.sql", "x");
        System.IO.File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-3));

        var result = (await Run("""
              - { id: backup, kind: file, path: backup.sql, expect: [age < 1h] }
            """, dir.Path)).Result("backup");

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message!.ShouldMatch(@"^age < 1h: actual 3(\.0\d)?h$");
    }

    [Fact]
    public async Task Observe_MissingFile_FailsByDefault()
    {
        using var dir = new TempDirectory();
        var result = (await Run("""
              - { id: f, kind: file, path: nowhere.txt }
            """, dir.Path)).Result("f");

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message.ShouldBe("exists == true: actual false");
    }

    [Fact]
    public async Task Observe_ContentOfAFolder_IsAnError()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "adir"));
        var result = (await Run("""
              - { id: f, kind: file, path: adir, expect: ['content contains "x"'] }
            """, dir.Path)).Result("f");

        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message!.ShouldEndWith("adir: it is a folder");
    }
}
