using Greenlight.Engine;
using Greenlight.Releases;
using Greenlight.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Baselines;

/// <summary>Issue 12 item 7 end to end: baseline(…) compares with the last GO run in a real store, or --baseline RUN; none is inconclusive.</summary>
public sealed class BaselineLoaderTests
{
    private const string Spec = """
        version: 1
        name: storage
        checks:
          - id: rows.kept
            kind: sql
            target: "sqlite:app.db"
            query: SELECT count(*) AS n FROM items
            expect: [n >= baseline(n) * 0.9]
        """;

    private static void Rows(string path, int count)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS items (id INTEGER); DELETE FROM items;" + string.Concat(Enumerable.Range(0, count).Select(i => $"INSERT INTO items VALUES ({i});"));
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task RunAsync_Issue12_NoBaselineIsPendingThenNamedRunThenLastGo()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", Spec);
        var db = Path.Combine(dir.Path, "app.db");
        Rows(db, 10);

        // First run: nothing to compare with, so the check cannot pass; it is pending (inconclusive), not a silent pass.
        var first = await ReleaseCheck.RunAsync(new ReleaseCheckRequest { SpecPath = spec }, CancellationToken.None);
        var unjudged = first.Report!.Results.Single();
        unjudged.Outcome.ShouldBe(CheckOutcome.Pending);
        unjudged.Message.ShouldBe("n >= baseline(n) * 0.9: no baseline: no earlier run of storage that ended GO has rows.kept (name one with --baseline RUN)");
        first.Report.Verdict.ShouldBe(Verdict.NoGo);

        // Naming the first run (whatever its verdict) compares with its value.
        var second = await ReleaseCheck.RunAsync(new ReleaseCheckRequest { SpecPath = spec, Baseline = first.Report.RunId[..10] }, CancellationToken.None);
        var compared = second.Report!.Results.Single();
        compared.Outcome.ShouldBe(CheckOutcome.Pass);
        second.Report.Verdict.ShouldBe(Verdict.Go);
        compared.Assertions.Single().Baseline.ShouldStartWith($"baseline(n) = 10 from run {first.Report.RunId[..12]} (NO-GO, ");
        compared.Assertions.Single().Expected.ShouldBe("9");

        // Half the rows gone: the default baseline is the last run that ended GO, the second one.
        Rows(db, 5);
        var third = await ReleaseCheck.RunAsync(new ReleaseCheckRequest { SpecPath = spec }, CancellationToken.None);
        var failed = third.Report!.Results.Single();
        failed.Outcome.ShouldBe(CheckOutcome.Fail);
        failed.Message.ShouldStartWith($"n >= baseline(n) * 0.9: actual 5, expected 9 (baseline(n) = 10 from run {second.Report.RunId[..12]} (GO, ");
        third.Report.Verdict.ShouldBe(Verdict.NoGo);
    }

    [Fact]
    public async Task RunAsync_UnknownBaselineRun_IsABadRequest()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", Spec);
        Rows(Path.Combine(dir.Path, "app.db"), 3);
        await ReleaseCheck.RunAsync(new ReleaseCheckRequest { SpecPath = spec }, CancellationToken.None);

        var outcome = await ReleaseCheck.RunAsync(new ReleaseCheckRequest { SpecPath = spec, Baseline = "ffffffff" }, CancellationToken.None);
        outcome.Status.ShouldBe(ReleaseCheckStatus.BadRequest);
        outcome.Error!.ShouldStartWith("--baseline: no run has an id starting with `ffffffff`");
    }

    [Fact]
    public async Task RunAsync_NoStore_IsPendingAndSaysWhy()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", Spec);
        Rows(Path.Combine(dir.Path, "app.db"), 3);
        var outcome = await ReleaseCheck.RunAsync(new ReleaseCheckRequest { SpecPath = spec, NoStore = true }, CancellationToken.None);
        outcome.Report!.Results.Single().Message.ShouldBe("n >= baseline(n) * 0.9: no baseline: --no-store reads no earlier run");
    }
}

/// <summary>baseline(…) under watch: a measurement without a baseline is inconclusive; a watch window as baseline is its median.</summary>
public sealed class WatchBaselineTests
{
    private const string Spec = """
        version: 1
        name: storage
        checks:
          - id: rows.kept
            kind: sql
            phase: watch
            target: "sqlite:app.db"
            query: SELECT count(*) AS n FROM items
            expect: [n >= baseline(n) * 0.9]
        """;

    [Fact]
    public async Task Classify_Issue12_NoBaselineInconclusive_StoredGoRunDecides()
    {
        using var dir = new TempDirectory();
        var specPath = dir.Write("greenlight.yaml", Spec);
        var db = Path.Combine(dir.Path, "app.db");
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE items (id INTEGER);" + string.Concat(Enumerable.Range(0, 10).Select(i => $"INSERT INTO items VALUES ({i});"));
            command.ExecuteNonQuery();
        }

        var spec = SpecHarness.Load(Spec, directory: dir.Path);
        var check = spec.Checks[0];
        var rules = spec.Watch?.RulesFor(check.Id) ?? new Greenlight.Spec.WatchRules();
        var observation = await check.Probe.ObserveAsync(new Greenlight.Checks.CheckRunContext
        {
            Check = check, Expand = s => s, Variables = spec.Variables, SpecDirectory = dir.Path, Time = TimeProvider.System, Http = new Greenlight.Checks.HttpClientCache(),
        }, CancellationToken.None);

        var none = Greenlight.Watch.Measurer.Classify(rules, check, observation, s => s, Greenlight.Baselines.BaselineSet.None("no baseline: none stored").For(check.Id));
        none.Outcome.ShouldBe(Greenlight.Watch.MeasurementOutcome.Inconclusive);
        none.Message.ShouldBe("n >= baseline(n) * 0.9: no baseline: none stored");

        // A GO window with 8, 12 and 40 rows: its median, 12, is the baseline; 10 < 10.8 fails.
        var window = new Greenlight.Baselines.BaselineRun("0193ab12cd34ef56", new DateTimeOffset(2026, 12, 1, 20, 0, 0, TimeSpan.Zero), "GO", "watch",
            new Dictionary<string, List<Greenlight.Assertions.AssertionValue>> { ["n"] = [.. new[] { 8.0, 40, 12 }.Select(Greenlight.Assertions.AssertionValue.FromNumber)] });
        var set = new Greenlight.Baselines.BaselineSet(new Dictionary<string, Greenlight.Baselines.BaselineRun> { [check.Id] = window }, "unused");
        var measured = Greenlight.Watch.Measurer.Classify(rules, check, observation, s => s, set.For(check.Id));
        measured.Outcome.ShouldBe(Greenlight.Watch.MeasurementOutcome.Fail);
        measured.Message.ShouldBe("n >= baseline(n) * 0.9: actual 10, expected 10.8 (baseline(n) = 12 from run 0193ab12cd34 (GO, 2026-12-01 20:00 UTC, median of 3 measurements))");

        // And a stored check run that ended GO is found by the loader.
        var go = await ReleaseCheck.RunAsync(new ReleaseCheckRequest { SpecPath = specPath }, CancellationToken.None);
        go.Report!.Verdict.ShouldBe(Verdict.NoGo);
        var named = await ReleaseCheck.RunAsync(new ReleaseCheckRequest { SpecPath = specPath, Baseline = "last" }, CancellationToken.None);
        named.Report!.Verdict.ShouldBe(Verdict.Go);
        var store = await Greenlight.Store.RunStoreFactory.OpenAsync(null, specPath, CancellationToken.None);
        var loaded = await Greenlight.Baselines.BaselineLoader.LoadAsync(store, SpecHarness.Load(Spec, directory: dir.Path) with { }, null, CancellationToken.None);
        loaded.RunOf(check.Id)!.RunId.ShouldBe(named.Report.RunId);
        Greenlight.Watch.Measurer.Classify(rules, check, observation, s => s, loaded.For(check.Id)).Outcome.ShouldBe(Greenlight.Watch.MeasurementOutcome.Pass);
    }
}
