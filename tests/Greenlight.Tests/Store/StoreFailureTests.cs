using System.Diagnostics;
using System.Text.RegularExpressions;
using Greenlight.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Store;

/// <summary>Issue 8 item 14: a locked store, a read-only store and a full disk, with the real process and real filesystems.</summary>
public class StoreFailureTests
{
    private const string PassingSpec = "version: 1\nname: s\nchecks:\n  - { id: ok, kind: command, run: \"true\" }\n";

    [Fact]
    public async Task Check_Issue8_StoreLockedPastTheWait_SaysSoAndExitsTwo()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", PassingSpec);
        (await CliHarness.RunProcessAsync(dir.Path, null, "check")).ExitCode.ShouldBe(0);
        await using var holder = await HoldWriteLockAsync(Path.Combine(dir.Path, ".greenlight", "history.db"));

        var run = await CliHarness.RunProcessAsync(dir.Path, null, "check", "--store-wait", "5s");

        run.ExitCode.ShouldBe(2, run.All);
        run.Stderr.ShouldContain("waiting for the store at");
        run.Stderr.ShouldContain("locked by another writer");
        run.Stderr.ShouldContain("gave up after waiting 5s (--store-wait sets the limit)");
        run.Stdout.ShouldNotContain("Verdict");
    }

    [Fact]
    public async Task Check_Issue8_StoreLockedThenReleased_WaitsWithProgressAndRecords()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", PassingSpec);
        (await CliHarness.RunProcessAsync(dir.Path, null, "check")).ExitCode.ShouldBe(0);
        var holder = await HoldWriteLockAsync(Path.Combine(dir.Path, ".greenlight", "history.db"));

        using var process = CliHarness.Start(dir.Path, null, "check", "--store-wait", "60s");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var notice = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));

        // Released only once greenlight said it is waiting: the run must then go on and be recorded.
        await holder.DisposeAsync();
        var rest = await process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);

        process.ExitCode.ShouldBe(0, notice + rest + await stdout);
        notice.ShouldNotBeNull().ShouldContain("locked by another writer (");
        (await stdout).ShouldContain("recorded: greenlight show");
        var history = await CliHarness.RunProcessAsync(dir.Path, null, "history");
        history.Stdout.Split('\n').Count(l => l.Contains(" s ", StringComparison.Ordinal) || l.Contains("│ s", StringComparison.Ordinal)).ShouldBe(2, history.Stdout);
    }

    [Fact]
    public async Task History_Issue8_ReadOnlyStore_CanStillBeRead()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", PassingSpec);
        (await CliHarness.RunProcessAsync(dir.Path, null, "check")).ExitCode.ShouldBe(0);
        var readOnly = Path.Combine(dir.Path, "ro");
        Directory.CreateDirectory(readOnly);
        await using var mount = await Mount.BindReadOnlyAsync(Path.Combine(dir.Path, ".greenlight"), readOnly);
        var store = Path.Combine(readOnly, "history.db");
        File.Exists(store).ShouldBeTrue();

        var history = await CliHarness.RunProcessAsync(dir.Path, null, "history", "--store", store);
        var show = await CliHarness.RunProcessAsync(dir.Path, null, "show", "last", "--store", store);
        var report = await CliHarness.RunProcessAsync(dir.Path, null, "report", "last", "--store", store, "--format", "json");
        var check = await CliHarness.RunProcessAsync(dir.Path, null, "check", "--store", store);

        history.ExitCode.ShouldBe(0, history.All);
        history.Stdout.ShouldContain("go");
        show.ExitCode.ShouldBe(0, show.All);
        show.Stdout.ShouldContain("ok");
        JObject.Parse(report.Stdout)["verdict"]!.Value<string>().ShouldBe("go");
        check.ExitCode.ShouldBe(2, check.All);
        check.Stderr.ShouldContain("run with --no-store");
    }

    [Fact]
    public async Task Check_Issue8_StoreFillsTheDisk_SaysWhichResultsWereKept()
    {
        using var dir = new TempDirectory();
        var small = string.Join("\n", Enumerable.Range(0, 3).Select(i => $"  - {{ id: small{i}, kind: command, run: \"true\" }}"));
        var big = string.Join("\n", Enumerable.Range(0, 12).Select(i =>
            $"  - {{ id: big{i}, kind: command, run: \"head -c 200000 /dev/urandom | base64\", needs: [{(i == 0 ? "small2" : $"big{i - 1}")}] }}"));
        dir.Write("greenlight.yaml", $"version: 1\nname: full\nchecks:\n{small}\n{big}\n");
        var disk = Path.Combine(dir.Path, "disk");
        Directory.CreateDirectory(disk);
        await using var mount = await Mount.TmpfsAsync(disk, "320k");

        var run = await CliHarness.RunProcessAsync(dir.Path, null, "check", "--store", Path.Combine(disk, "history.db"), "--parallel", "1");

        run.Stderr.ShouldContain("stopped taking results: the disk is full.", customMessage: run.All);
        var kept = Regex.Match(run.Stderr, @"(\d+) results? kept \(([^)]*)\)");
        kept.Success.ShouldBeTrue(run.Stderr);
        run.Stderr.ShouldMatch(@"\d+ results? not stored \(");
        run.Stdout.ShouldContain("Verdict: GO");
        run.Stdout.ShouldNotContain("recorded: greenlight show");

        var show = await CliHarness.RunProcessAsync(dir.Path, null, "show", "last", "--store", Path.Combine(disk, "history.db"));
        show.ExitCode.ShouldBe(0, show.All);
        foreach (var id in kept.Groups[2].Value.Split(", "))
        {
            show.Stdout.ShouldContain(id);
        }
    }

    /// <summary>Another writer: an open IMMEDIATE transaction holds SQLite's write lock until disposed.</summary>
    private static async Task<IAsyncDisposable> HoldWriteLockAsync(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = (SqliteTransaction)transaction;
            command.CommandText = "UPDATE gl_meta SET value = value WHERE key = 'schema_version'";
            await command.ExecuteNonQueryAsync();
        }

        return new Held(connection, transaction);
    }

    private sealed class Held(SqliteConnection connection, System.Data.Common.DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>A filesystem mounted for one test (needs root, as test.sh runs); unmounted afterwards.</summary>
    private sealed class Mount(string path) : IAsyncDisposable
    {
        public static async Task<Mount> TmpfsAsync(string path, string size)
        {
            await RunAsync("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
            return new Mount(path);
        }

        public static async Task<Mount> BindReadOnlyAsync(string source, string path)
        {
            await RunAsync("mount", "--bind", source, path);
            await RunAsync("mount", "-o", "remount,bind,ro", path);
            return new Mount(path);
        }

        public async ValueTask DisposeAsync() => await RunAsync("umount", "-l", path);

        private static async Task RunAsync(string file, params string[] args)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"`{file} {string.Join(' ', args)}` failed ({error.Trim()}): these tests mount a small tmpfs and a read-only bind mount, which needs root (CAP_SYS_ADMIN); run the suite as root, as ./test.sh does in CI");
            }
        }
    }
}
