using Greenlight.Engine;
using Greenlight.Signoffs;
using Greenlight.Spec;
using Greenlight.Store;
using Greenlight.Tests.Fixtures;
using Greenlight.Waivers;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Examples;

/// <summary>
/// Seed 000 whole: the Mosaic review's ✅, each judged by a check against the replica. Broken is
/// NO-GO for the reasons the report missed; fixed and signed off is GO (with its one waiver).
/// </summary>
[Collection("postgres")]
public class MosaicReviewTests(PostgresServer postgres)
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Examples, "mosaic-review");

    /// <summary>The report's claims, the check that judges each, and whether the broken replica earns the ✅.</summary>
    private static readonly (string Claim, string Check, CheckOutcome Broken)[] Claims =
    [
        ("✅ DATABASE_URL / CLAUDE_API_KEY / OPENAI_API_KEY set", "env.keys", CheckOutcome.Fail),
        ("✅ users, sessions, ps101_responses, user_contexts exist; FK ON DELETE CASCADE", "db.tables", CheckOutcome.Pass),
        ("✅ idx_contexts_extracted created on user_contexts(extracted_at)", "db.contexts-index", CheckOutcome.Fail),
        ("✅ PostgreSQL syntax: %s placeholders (ps101.py)", "conventions.placeholders", CheckOutcome.Fail),
        ("✅ Context manager pattern used throughout", "conventions.context-manager", CheckOutcome.Fail),
        ("✅ SERIAL not AUTOINCREMENT; no SQLite fallback", "conventions.serial", CheckOutcome.Fail),
        ("✅ Idempotent operations (ON CONFLICT DO UPDATE)", "conventions.idempotent-writes", CheckOutcome.Pass),
        ("✅ Errors logged explicitly, not swallowed", "conventions.no-silent-except", CheckOutcome.Fail),
        ("✅ 0 governance violations (no key in the code)", "security.secrets", CheckOutcome.Fail),
        ("✅ Health endpoint returns 200 OK, PostgreSQL connected", "api.health", CheckOutcome.Pass),
        ("✅ Authentication: requires X-User-ID header", "api.extract-context-needs-user", CheckOutcome.Pass),
        ("✅ Completion gate shows helpful message, doesn't crash", "api.completion-gate", CheckOutcome.Fail),
        ("✅ All code changes have been reviewed", "governance.changes-reviewed", CheckOutcome.Pending),
        ("✅ Manual tests performed by Gemini", "tests.manual-e2e", CheckOutcome.Pending),
        ("✅ Rollback ready", "deploy.rollback-tested", CheckOutcome.Pending),
    ];

    [Fact]
    public async Task MosaicReview_BrokenIsNoGoForTheRightReasons_FixedAndSignedOffIsGo()
    {
        using var store = new TempDirectory();
        var broken = await RunAsync("broken", withClaudeKey: false, store.Path, sign: false);

        broken.Verdict.ShouldBe(Verdict.NoGo);
        var table = string.Join("\n", broken.Results.Select(r => $"{r.Id}: {r.Outcome} {r.Message}"));
        foreach (var (claim, check, expected) in Claims)
        {
            broken.Result(check).Outcome.ShouldBe(expected, $"{claim} ({check})\n{table}");
        }

        broken.Result("security.secrets").Message!.ShouldContain("api/ai_clients.py:8:24: openai-api-key sk-p… (74 chars)");
        broken.Result("api.completion-gate").Message!.ShouldContain("status == 200: actual 500");
        broken.Result("conventions.placeholders").Message!.ShouldContain("api/ps101.py:22:12: PostgreSQL syntax: use %s placeholders, not ?");
        broken.Result("conventions.context-manager").Message!.ShouldContain("api/ps101.py:20:1:");
        broken.Result("conventions.serial").Message!.ShouldContain("api/storage.py:");
        broken.Result("deploy.feature-flag").IsWaived.ShouldBeTrue();
        broken.Reasons.ShouldContain(r => r.StartsWith("env.keys (critical) failed: CLAUDE_API_KEY is set", StringComparison.Ordinal));
        broken.Reasons.ShouldNotContain(r => r.StartsWith("conventions.no-silent-except", StringComparison.Ordinal)); // medium: a warning, not a blocker

        var fixedRun = await RunAsync("fixed", withClaudeKey: true, store.Path, sign: true);

        fixedRun.Verdict.ShouldBe(Verdict.Go, string.Join("\n", fixedRun.Results.Select(r => $"{r.Id}: {r.Outcome} {r.Message}")));
        fixedRun.Counts.Waived.ShouldBe(1);
        fixedRun.Notes.ShouldContain(n => n.Contains("waived until 2026-12-31: MVP ships without a flag", StringComparison.Ordinal));
        fixedRun.Result("governance.changes-reviewed").Evidence[0].Content.ShouldContain("signed by Bea Ops");
    }

    private async Task<RunReport> RunAsync(string replica, bool withClaudeKey, string storeFolder, bool sign)
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, await File.ReadAllTextAsync(Path.Combine(Folder, "replica", replica, "schema.sql")));
        var environment = new Dictionary<string, string>
        {
            ["REPLICA"] = replica,
            ["DATABASE_URL"] = url,
            ["OPENAI_API_KEY"] = "sk-test-openai-0000000000",
            ["ANTHROPIC_API_KEY"] = "sk-ant-test-0000000000",
            ["PATH"] = Environment.GetEnvironmentVariable("PATH")!,
            ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/root",
        };
        if (withClaudeKey)
        {
            environment["CLAUDE_API_KEY"] = "sk-ant-test-claude-000000";
        }

        var spec = SpecLoader.LoadFile(Path.Combine(Folder, "greenlight.yaml"), new SpecLoadOptions { Environment = environment });
        var clock = new StartingAt(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var provenance = await RunProvenance.DetectAsync(spec.Directory, clock, CancellationToken.None);
        var runStore = await SqlRunStore.OpenAsync(new SqliteDialect(Path.Combine(storeFolder, "history.db")), CancellationToken.None);
        if (sign)
        {
            foreach (var (check, by) in new[] { ("governance.changes-reviewed", "Bea Ops"), ("governance.changes-reviewed", "Cy Review"), ("tests.manual-e2e", "Dee Tester"), ("deploy.rollback-tested", "Bea Ops") })
            {
                await SignoffService.SignAsync(runStore, spec, check, by, "done on staging", provenance, clock, CancellationToken.None);
            }
        }

        return await new RunEngine(spec, new RunOptions
        {
            Time = clock,
            Provenance = provenance,
            Waivers = WaiverSet.Load(null, spec),
            Signoffs = await SignoffStore.LoadAsync(runStore, spec.Name, CancellationToken.None),
        }).RunAsync(CancellationToken.None);
    }

    /// <summary>Real elapsed time from a chosen start, so the waiver's date is fixed while timers still run.</summary>
    private sealed class StartingAt(DateTimeOffset start) : TimeProvider
    {
        private readonly long _origin = System.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_origin);
    }
}
