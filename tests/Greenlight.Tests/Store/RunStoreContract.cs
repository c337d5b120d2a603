using System.Text;
using Greenlight.Engine;
using Greenlight.Reports;
using Greenlight.Spec;
using Greenlight.Store;
using Greenlight.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Store;

/// <summary>One suite, run against every store: SQLite files and a real PostgreSQL server.</summary>
public abstract class RunStoreContract
{
    private const string Spec = """
        version: 1
        name: store-contract
        checks:
          - { id: env.keys, kind: env, require: [PATH], optional: [GREENLIGHT_NOT_SET] }
          - { id: ok, kind: command, run: "echo fine", needs: [env.keys], area: Build }
          - { id: bad, kind: command, run: "echo broken >&2; exit 3", fix: Repair it., retry: { attempts: 2, delay: 1ms, on: [error, fail] } }
          - { id: after-bad, kind: command, run: "true", needs: [bad] }
          - { id: slow-note, kind: command, run: "exit 1", severity: low }
        """;

    internal abstract Task<StoreDialect> NewStoreAsync();

    /// <summary>Everything the store holds, as text, to search for secrets.</summary>
    internal abstract Task<string> RawContentAsync(StoreDialect dialect);

    internal static async Task<RunReport> RecordAsync(SqlRunStore store, string yaml, IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyDictionary<string, string>? cliVars = null, string? directory = null, DateTimeOffset? now = null)
    {
        var spec = SpecHarness.Load(yaml, environment, cliVars, directory);
        var provenance = new RunProvenance("tester", Environment.MachineName, "3f2a1c0deadbeef", "main");
        var recorder = new StoreRecorder(store, spec, "all", provenance, null);
        var time = now is null ? TimeProvider.System : new FixedStartTime(now.Value);
        var report = await new RunEngine(spec, new RunOptions { Observer = recorder, Provenance = provenance, Time = time }).RunAsync(CancellationToken.None);
        await recorder.FinishAsync(report);
        recorder.Failure.ShouldBeNull();
        return report;
    }

    private static async Task<string> RenderAsync(RunReport report, string format)
    {
        await using var stream = new MemoryStream();
        await ReportWriters.Find(format)!.WriteAsync(report, stream, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task Load_RebuildsTheReportByteForByte()
    {
        var store = await SqlRunStore.OpenAsync(await NewStoreAsync(), CancellationToken.None);
        var written = await RecordAsync(store, Spec);

        var (loaded, status, planned) = await store.LoadAsync(written.RunId, CancellationToken.None);

        status.ShouldBe(RunStatus.Finished);
        planned.ShouldBe(5);
        foreach (var format in ReportWriters.Formats)
        {
            (await RenderAsync(loaded, format)).ShouldBe(await RenderAsync(written, format), $"{format} differs");
        }

        loaded.Results.Single(r => r.Id == "bad").AttemptLog.Count.ShouldBe(2);
        loaded.Provenance.GitCommit.ShouldBe("3f2a1c0deadbeef");
    }

    [Fact]
    public async Task Finish_DoesNotWaitOutTheLinger_TheLastBatchIsWrittenAtOnce()
    {
        // The clock never moves: a writer that waited out its 50 ms linger after the run finished would never end.
        var store = await SqlRunStore.OpenAsync(await NewStoreAsync(), CancellationToken.None);
        var spec = SpecHarness.Load("version: 1\nname: linger\nchecks:\n  - { id: a, kind: command, run: \"true\" }\n");
        var still = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var recorder = new StoreRecorder(store, spec, "all", RunProvenance.Unknown, null, new StoreWait(TimeSpan.FromSeconds(60), still, null));
        var report = await new RunEngine(spec, new RunOptions { Observer = recorder }).RunAsync(CancellationToken.None);

        await recorder.FinishAsync(report).WaitAsync(TimeSpan.FromSeconds(30));

        recorder.Failure.ShouldBeNull();
        var (loaded, status, _) = await store.LoadAsync(report.RunId, CancellationToken.None);
        status.ShouldBe(RunStatus.Finished);
        loaded.Results.Single().Id.ShouldBe("a");
    }

    [Fact]
    public async Task Load_EnvironmentAndSpecLines_AreKeptWithTheRun()
    {
        const string yaml = """
            version: 1
            name: env-store
            environments:
              staging:
                vars: { GREETING: hello }
            checks:
              - id: greet
                kind: command
                run: "echo ${GREETING}"
                expect: ['stdout contains "hello"']
            """;
        var store = await SqlRunStore.OpenAsync(await NewStoreAsync(), CancellationToken.None);
        var spec = SpecLoader.Load(yaml, "greenlight.yaml", Path.GetTempPath(), new SpecLoadOptions
        {
            Environment = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" },
            EnvironmentName = "staging",
        });
        var recorder = new StoreRecorder(store, spec, "all", RunProvenance.Unknown, null);
        var written = await new RunEngine(spec, new RunOptions { Observer = recorder }).RunAsync(CancellationToken.None);
        await recorder.FinishAsync(written);

        var (loaded, _, _) = await store.LoadAsync(written.RunId, CancellationToken.None);

        written.Verdict.ShouldBe(Verdict.Go);
        loaded.Environment.ShouldBe("staging");
        loaded.Results.Single().SpecLine.ShouldBe(7);
        loaded.Results.Single().SpecColumn.ShouldBe(5);
        (await RenderAsync(loaded, "json")).ShouldContain("\"environment\": \"staging\"");
        (await store.ListRunsAsync(1, CancellationToken.None)).Single().Environment.ShouldBe("staging");
    }

    [Fact]
    public async Task ListRuns_NewestFirstWithVerdictAndCounts()
    {
        var store = await SqlRunStore.OpenAsync(await NewStoreAsync(), CancellationToken.None);
        var first = await RecordAsync(store, Spec);
        var second = await RecordAsync(store, "version: 1\nname: small\nchecks:\n  - { id: a, kind: command, run: \"true\" }\n");

        var runs = await store.ListRunsAsync(10, CancellationToken.None);

        runs.Select(r => r.Id).ShouldBe([second.RunId, first.RunId]);
        runs[1].Verdict.ShouldBe(Verdict.NoGo);
        runs[1].Counts.ShouldBe(new OutcomeCounts(2, 2, 0, 1, 0));
        runs[0].Verdict.ShouldBe(Verdict.Go);
        runs[0].User.ShouldBe("tester");
        runs[0].Environment.ShouldBeNull();
    }

    [Fact]
    public async Task Resolve_AcceptsIdPrefixLastAndLastN()
    {
        var store = await SqlRunStore.OpenAsync(await NewStoreAsync(), CancellationToken.None);
        var first = await RecordAsync(store, Spec);
        var second = await RecordAsync(store, Spec);

        (await store.ResolveAsync("last", CancellationToken.None)).ShouldBe(second.RunId);
        (await store.ResolveAsync("last~1", CancellationToken.None)).ShouldBe(first.RunId);
        (await store.ResolveAsync(first.RunId, CancellationToken.None)).ShouldBe(first.RunId);
        (await store.ResolveAsync(second.RunId[..20], CancellationToken.None)).ShouldBe(second.RunId);
        (await Should.ThrowAsync<StoreException>(() => store.ResolveAsync("last~5", CancellationToken.None))).Message.ShouldContain("only 2 runs are stored");
        (await Should.ThrowAsync<StoreException>(() => store.ResolveAsync("ffff", CancellationToken.None))).Message.ShouldContain("no run has an id starting with `ffff`");
        (await Should.ThrowAsync<StoreException>(() => store.ResolveAsync("last~x", CancellationToken.None))).Message.ShouldContain("expected last, last~N");
    }

    [Fact]
    public async Task CheckHistory_ShowsOutcomesOverTime()
    {
        var store = await SqlRunStore.OpenAsync(await NewStoreAsync(), CancellationToken.None);
        await RecordAsync(store, Spec);
        var last = await RecordAsync(store, Spec);

        var entries = await store.CheckHistoryAsync("bad", 10, CancellationToken.None);

        entries.Count.ShouldBe(2);
        entries[0].RunId.ShouldBe(last.RunId);
        entries.ShouldAllBe(e => e.Outcome == CheckOutcome.Fail && e.Attempts == 2 && e.Message!.StartsWith("exit_code == 0: actual 3\nstderr:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prune_KeepsTheNewestOrDropsTheOld()
    {
        var store = await SqlRunStore.OpenAsync(await NewStoreAsync(), CancellationToken.None);
        await RecordAsync(store, Spec, now: DateTimeOffset.UtcNow.AddDays(-120));
        await RecordAsync(store, Spec, now: DateTimeOffset.UtcNow.AddDays(-100));
        var recent = await RecordAsync(store, Spec);
        var newest = await RecordAsync(store, Spec);

        (await store.PruneAsync(null, DateTimeOffset.UtcNow.AddDays(-90), CancellationToken.None)).ShouldBe(2);
        (await store.PruneAsync(1, null, CancellationToken.None)).ShouldBe(1);

        (await store.ListRunsAsync(10, CancellationToken.None)).Select(r => r.Id).ShouldBe([newest.RunId]);
        (await store.CheckHistoryAsync("bad", 10, CancellationToken.None)).Select(e => e.RunId).ShouldBe([newest.RunId]);
        await Should.ThrowAsync<StoreException>(() => store.LoadAsync(recent.RunId, CancellationToken.None));
    }

    [Fact]
    public async Task Open_StoreFromANewerGreenlight_IsRefused()
    {
        var dialect = await NewStoreAsync();
        await SqlRunStore.OpenAsync(dialect, CancellationToken.None);
        await using (var connection = await dialect.OpenAsync(CancellationToken.None))
        await using (var command = Sql.Command(connection, "UPDATE gl_meta SET value = '99' WHERE key = 'schema_version'"))
        {
            await command.ExecuteNonQueryAsync();
        }

        var ex = await Should.ThrowAsync<StoreException>(() => SqlRunStore.OpenAsync(dialect, CancellationToken.None));
        ex.Message.ShouldContain($"schema version 99, newer than this greenlight knows ({StoreSchema.CurrentVersion})");
    }

    [Fact]
    public async Task Store_NeverHoldsASecret()
    {
        var fromEnvironment = "env-secret-" + Guid.NewGuid().ToString("N")[..10];
        var fromDotEnv = "dotenv-secret-" + Guid.NewGuid().ToString("N")[..10];
        var fromCli = "cli-secret-" + Guid.NewGuid().ToString("N")[..10];
        var urlPassword = "urlpw" + Guid.NewGuid().ToString("N")[..10];
        var fromHeader = "hdr-token-" + Guid.NewGuid().ToString("N")[..10];
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/login", (HttpRequest r, HttpResponse response) =>
        {
            response.Headers["X-Session-Token"] = fromHeader;
            response.Headers["Set-Cookie"] = $"sid={fromHeader}";
            return Results.Json(new { echo = r.Headers.Authorization.ToString(), db = r.Query["db"].ToString() }, statusCode: 500);
        }));
        using var dir = new TempDirectory();
        dir.Write(".env", $"DB_PASSWORD={fromDotEnv}\n");
        var store = await SqlRunStore.OpenAsync(await NewStoreAsync(), CancellationToken.None);

        await RecordAsync(store, $$"""
            version: 1
            name: secrets
            checks:
              - id: login
                kind: http
                request:
                  url: {{server.Url}}/login?db=${DATABASE_URL}
                  headers: { Authorization: "Bearer ${API_TOKEN} ${DB_PASSWORD} ${DEPLOY_SECRET}" }
                capture: { session_token: header.x-session-token }
              - id: echo
                kind: command
                needs: [login]
                run: echo "${login.session_token} ${API_TOKEN} ${DB_PASSWORD} ${DEPLOY_SECRET} ${DATABASE_URL}"; exit 1
                expect: [exit_code == 0, 'stdout == "${login.session_token}"']
              - id: env
                kind: env
                require: [API_TOKEN, DB_PASSWORD, DEPLOY_SECRET, DATABASE_URL]
                match: { API_TOKEN: '^nope' }
            """,
            new Dictionary<string, string>
            {
                ["PATH"] = Environment.GetEnvironmentVariable("PATH")!,
                ["API_TOKEN"] = fromEnvironment,
                ["DATABASE_URL"] = $"postgres://app:{urlPassword}@db.internal/app",
            },
            new Dictionary<string, string> { ["DEPLOY_SECRET"] = fromCli },
            dir.Path);

        var raw = await RawContentAsync(store.Dialect);
        raw.Length.ShouldBeGreaterThan(1000);
        raw.ShouldContain("X-Session-Token");
        foreach (var secret in new[] { fromEnvironment, fromDotEnv, fromCli, urlPassword, fromHeader })
        {
            raw.ShouldNotContain(secret);
        }
    }

    [Fact]
    public async Task Batch_OneStatementForManyRows_EachRowKeepsItsOwnValues()
    {
        // A batch prepares a statement once and binds new values for each row: a null after text, text after a null.
        var store = await SqlRunStore.OpenAsync(await NewStoreAsync(), CancellationToken.None);
        await using (var connection = await store.ConnectAsync(CancellationToken.None))
        await using (var transaction = await connection.BeginTransactionAsync(CancellationToken.None))
        {
            await using var batch = new SqlBatch(connection, transaction);
            for (var i = 0; i < 7; i++)
            {
                var evidence = new Greenlight.Checks.EvidenceItem($"name {i}", new string((char)('a' + i), i + 1), i % 3 == 0 ? null : i * 100);
                await SqlRunStore.InsertEvidenceAsync(batch, "batch-run", $"check-{i % 2}", i, evidence, CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
        }

        var rows = new List<string>();
        await using (var connection = await store.ConnectAsync(CancellationToken.None))
        await using (var command = Sql.Command(connection, "SELECT check_id, ordinal, name, content, full_length FROM gl_evidence WHERE run_id = @run ORDER BY ordinal", null, ("run", "batch-run")))
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
        {
            while (await reader.ReadAsync(CancellationToken.None))
            {
                rows.Add($"{reader.GetString(0)}|{Sql.Long(reader, 1)}|{reader.GetString(2)}|{reader.GetString(3)}|{(reader.IsDBNull(4) ? "null" : Sql.Long(reader, 4))}");
            }
        }

        rows.ShouldBe([
            "check-0|0|name 0|a|null", "check-1|1|name 1|bb|100", "check-0|2|name 2|ccc|200", "check-1|3|name 3|dddd|null",
            "check-0|4|name 4|eeeee|400", "check-1|5|name 5|ffffff|500", "check-0|6|name 6|ggggggg|null",
        ]);
    }

    [Fact]
    public async Task Batch_SameStatementWithOtherParameters_IsRefused()
    {
        var store = await SqlRunStore.OpenAsync(await NewStoreAsync(), CancellationToken.None);
        await using var connection = await store.ConnectAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        await using var batch = new SqlBatch(connection, transaction);
        const string text = "UPDATE gl_runs SET notes = @notes WHERE id = @id";
        await batch.ExecuteAsync(text, CancellationToken.None, ("notes", "x"), ("id", "none"));

        var renamed = await Should.ThrowAsync<InvalidOperationException>(() => batch.ExecuteAsync(text, CancellationToken.None, ("verdict", "x"), ("id", "none")));
        renamed.Message.ShouldContain("@notes where verdict is given");
        await Should.ThrowAsync<InvalidOperationException>(() => batch.ExecuteAsync(text, CancellationToken.None, ("notes", "x")));
    }

    /// <summary>A clock that starts at a chosen moment, for runs recorded "in the past".</summary>
    private sealed class FixedStartTime(DateTimeOffset start) : TimeProvider
    {
        private readonly long _origin = System.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks((long)((GetTimestamp() - _origin) * (10_000_000.0 / TimestampFrequency)));
    }
}
