using Greenlight.Engine;
using Greenlight.Spec;
using Greenlight.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Engine;

public class RunEngineTests
{
    /// <summary>Cancels the run once <c>finished</c> is done and <c>running</c> has started, whichever comes last.</summary>
    private sealed class CancelWhenFinished(string finished, string running, CancellationTokenSource cts) : IRunObserver
    {
        private int _conditions;

        public void RunStarted(string runId, DateTimeOffset startedAt, IReadOnlyList<CheckDefinition> checks)
        {
        }

        public void CheckStarted(CheckDefinition check)
        {
            if (check.Id == running && Interlocked.Increment(ref _conditions) == 2)
            {
                cts.Cancel();
            }
        }

        public void CheckFinished(CheckResult result)
        {
            if (result.Id == finished && Interlocked.Increment(ref _conditions) == 2)
            {
                cts.Cancel();
            }
        }
    }

    [Fact]
    public async Task RunAsync_ManyChecks_NeverExceedsTheParallelLimit()
    {
        var current = 0;
        var peak = 0;
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/slow", async () =>
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref peak, now);
            await Task.Delay(150);
            Interlocked.Decrement(ref current);
            return "ok";
        }));
        var checks = string.Join("\n", Enumerable.Range(0, 12).Select(i => $"  - {{ id: c{i}, kind: http, request: GET {server.Url}/slow }}"));

        var report = await SpecHarness.RunAsync($"version: 1\nname: x\nchecks:\n{checks}\n", options: new RunOptions { Parallelism = 4 });

        report.Counts.Pass.ShouldBe(12);
        peak.ShouldBe(4);
    }

    [Fact]
    public async Task RunAsync_FailedNeed_SkipsDependantsWithTheReason()
    {
        var report = await SpecHarness.RunAsync("""
            version: 1
            name: x
            checks:
              - { id: env.keys, kind: env, require: [MISSING_KEY] }
              - { id: api, kind: command, run: "true", needs: [env.keys] }
              - { id: deeper, kind: command, run: "true", needs: [api] }
              - { id: independent, kind: command, run: "true" }
            """);

        report.Result("env.keys").Outcome.ShouldBe(CheckOutcome.Fail);
        report.Result("api").Outcome.ShouldBe(CheckOutcome.Skipped);
        report.Result("api").Message.ShouldBe("needs env.keys, which failed");
        report.Result("deeper").Message.ShouldBe("needs api, which was skipped");
        report.Result("independent").Outcome.ShouldBe(CheckOutcome.Pass);
        report.Verdict.ShouldBe(Verdict.NoGo);
    }

    [Fact]
    public async Task RunAsync_NeedRunsBeforeItsDependant()
    {
        using var dir = new TempDirectory();
        var report = await SpecHarness.RunAsync("""
            version: 1
            name: x
            checks:
              - { id: second, kind: command, run: "test -f first.txt", needs: [first] }
              - { id: first, kind: command, run: "sleep 0.2; touch first.txt" }
            """, directory: dir.Path);

        report.Result("second").Outcome.ShouldBe(CheckOutcome.Pass);
    }

    [Fact]
    public async Task RunAsync_ServerThatNeverAnswers_IsAnErrorAfterTheTimeout()
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/hang", async (HttpContext c) =>
        {
            await Task.Delay(Timeout.Infinite, c.RequestAborted);
        }));

        var report = await SpecHarness.RunAsync($"""
            version: 1
            name: x
            checks:
              - {"{"} id: hang, kind: http, request: GET {server.Url}/hang, timeout: 500ms {"}"}
              - {"{"} id: other, kind: command, run: "true" {"}"}
            """);

        report.Result("hang").Outcome.ShouldBe(CheckOutcome.Error);
        report.Result("hang").Message.ShouldBe("timed out after 500ms");
        report.Result("other").Outcome.ShouldBe(CheckOutcome.Pass);
    }

    [Fact]
    public async Task RunAsync_PassAfterRetries_IsMarkedFlaky()
    {
        var calls = 0;
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/warming", () =>
            Interlocked.Increment(ref calls) < 3 ? Results.StatusCode(503) : Results.Ok("ready")));

        var report = await SpecHarness.RunAsync($"""
            version: 1
            name: x
            checks:
              - id: health
                kind: http
                request: GET {server.Url}/warming
                retry: {"{"} attempts: 5, delay: 10ms, on: [error, fail] {"}"}
                expect: [status == 200]
            """);

        var result = report.Result("health");
        result.Outcome.ShouldBe(CheckOutcome.Pass);
        result.Attempts.ShouldBe(3);
        result.Flaky.ShouldBeTrue();
        result.AttemptLog.Select(a => a.Outcome).ShouldBe([CheckOutcome.Fail, CheckOutcome.Fail, CheckOutcome.Pass]);
        result.AttemptLog[0].Message.ShouldBe("status == 200: actual 503");
    }

    [Fact]
    public async Task RunAsync_RetryExhausted_KeepsEveryAttempt()
    {
        var report = await SpecHarness.RunAsync("""
            version: 1
            name: x
            checks:
              - { id: never, kind: command, run: "exit 3", retry: { attempts: 3, delay: 1ms, on: [error, fail] } }
            """);

        report.Result("never").Outcome.ShouldBe(CheckOutcome.Fail);
        report.Result("never").Attempts.ShouldBe(3);
        report.Result("never").Message.ShouldBe("exit_code == 0: actual 3");
    }

    [Fact]
    public async Task RunAsync_Interrupted_KeepsWhatFinished()
    {
        using var cts = new CancellationTokenSource();
        var spec = SpecHarness.Load("""
            version: 1
            name: x
            checks:
              - { id: quick, kind: command, run: "true" }
              - { id: slow, kind: command, run: "sleep 30" }
              - { id: after, kind: command, run: "true", needs: [slow] }
            """);

        var report = await new RunEngine(spec, new RunOptions { Observer = new CancelWhenFinished("quick", "slow", cts) }).RunAsync(cts.Token);

        report.Interrupted.ShouldBeTrue();
        report.Verdict.ShouldBe(Verdict.NoGo);
        report.Result("quick").Outcome.ShouldBe(CheckOutcome.Pass);
        report.Result("slow").Message.ShouldBe("not finished: the run was interrupted during attempt 1");
        report.Result("slow").AttemptLog.ShouldHaveSingleItem().Outcome.ShouldBe(CheckOutcome.Skipped);
        report.Result("after").Outcome.ShouldBe(CheckOutcome.Skipped);
    }

    [Fact]
    public async Task RunAsync_Captures_FlowToDependants()
    {
        await using var server = await TestHttpServer.StartAsync(app =>
        {
            app.MapPost("/login", () => Results.Json(new { token = "tok-123456789", user = new { id = 7 } }));
            app.MapGet("/me", (HttpRequest r) => r.Headers.Authorization == "Bearer tok-123456789" ? Results.Json(new { id = 7 }) : Results.StatusCode(401));
        });

        var report = await SpecHarness.RunAsync($"""
            version: 1
            name: x
            checks:
              - id: login
                kind: http
                request: POST {server.Url}/login
                capture: {"{"} session_token: json.$.token, user_id: json.$.user.id {"}"}
              - id: me
                kind: http
                needs: [login]
                request:
                  url: {server.Url}/me
                  headers: {"{"} Authorization: "Bearer ${"{"}login.session_token{"}"}" {"}"}
                expect: [status == 200, "json.$.id == ${"{"}login.user_id{"}"}"]
            """);

        report.Result("me").Outcome.ShouldBe(CheckOutcome.Pass);
        report.Result("login").Captures["user_id"].ShouldBe("7");
        report.Result("login").Captures["session_token"].ShouldBe("***");
    }

    [Fact]
    public async Task RunAsync_OnlyAndPhase_SelectChecksAndTheirNeeds()
    {
        const string yaml = """
            version: 1
            name: x
            checks:
              - { id: env, kind: command, run: "true" }
              - { id: health, kind: command, run: "true", phase: post, needs: [env] }
              - { id: other, kind: command, run: "true" }
            """;

        var post = await SpecHarness.RunAsync(yaml, options: new RunOptions { Phase = Phase.Post });
        post.Results.Select(r => r.Id).ShouldBe(["env", "health"]);

        var only = await SpecHarness.RunAsync(yaml, options: new RunOptions { Only = ["other"] });
        only.Results.Select(r => r.Id).ShouldBe(["other"]);

        await Should.ThrowAsync<ArgumentException>(() => SpecHarness.RunAsync(yaml, options: new RunOptions { Only = ["helth"] }));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
    /// <summary>Cancels the run when the given attempt of a check has failed; records what the engine reported.</summary>
    private sealed class CancelOnAttempt(int number, CancellationTokenSource cts) : IRunObserver
    {
        public List<string> Retries { get; } = [];

        public void RunStarted(string runId, DateTimeOffset startedAt, IReadOnlyList<CheckDefinition> checks)
        {
        }

        public void CheckStarted(CheckDefinition check)
        {
        }

        public void AttemptFailed(CheckDefinition check, AttemptRecord attempt, int maxAttempts, TimeSpan nextDelay)
        {
            lock (Retries)
            {
                Retries.Add($"{check.Id} {attempt.Number}/{maxAttempts} {attempt.Outcome} {nextDelay.TotalMilliseconds}");
            }

            if (attempt.Number == number)
            {
                cts.Cancel();
            }
        }

        public void CheckFinished(CheckResult result)
        {
        }
    }

    [Fact]
    public async Task RunAsync_Issue9_InterruptedBetweenRetries_KeepsEveryAttempt()
    {
        using var cts = new CancellationTokenSource();
        var spec = SpecHarness.Load("""
            version: 1
            name: x
            checks:
              - { id: flaky, kind: command, run: "echo nope; exit 1", retry: { attempts: 10, delay: 10s, on: [error, fail] } }
            """);

        var report = await new RunEngine(spec, new RunOptions { Observer = new CancelOnAttempt(2, cts) }).RunAsync(cts.Token);

        var result = report.Result("flaky");
        result.Outcome.ShouldBe(CheckOutcome.Skipped);
        result.Attempts.ShouldBe(2);
        result.AttemptLog.Select(a => (a.Number, a.Outcome, a.Message)).ShouldBe([(1, CheckOutcome.Fail, "exit_code == 0: actual 1"), (2, CheckOutcome.Fail, "exit_code == 0: actual 1")]);
        result.Message.ShouldBe("not finished: the run was interrupted after attempt 2 (fail: exit_code == 0: actual 1; fail: exit_code == 0: actual 1)");
        result.Evidence.ShouldContain(e => e.Content.Contains("nope", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_Issue9_FailureIsNotRetriedUnlessRetryOnSaysSo()
    {
        var report = await SpecHarness.RunAsync("""
            version: 1
            name: x
            checks:
              - { id: mismatch, kind: command, run: "exit 3", retry: { attempts: 5, delay: 1ms } }
              - { id: asked, kind: command, run: "exit 3", retry: { attempts: 3, delay: 1ms, on: [error, fail] } }
            """);

        report.Result("mismatch").Attempts.ShouldBe(1);
        report.Result("asked").Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task RunAsync_Issue9_ErrorsAreRetriedByDefaultAndEachRetryIsReported()
    {
        using var cts = new CancellationTokenSource();
        var port = ClosedPort();
        var spec = SpecHarness.Load($"""
            version: 1
            name: x
            checks:
              - id: api.health
                kind: http
                request: GET http://127.0.0.1:{port}/health
                retry: {"{"} attempts: 3, delay: 5ms {"}"}
                expect: [status == 200]
            """);
        var observer = new CancelOnAttempt(99, cts);

        var report = await new RunEngine(spec, new RunOptions { Observer = observer }).RunAsync(cts.Token);

        report.Result("api.health").Outcome.ShouldBe(CheckOutcome.Error);
        report.Result("api.health").Attempts.ShouldBe(3);
        observer.Retries.ShouldBe(["api.health 1/3 Error 5", "api.health 2/3 Error 5"]);
    }

    [Fact]
    public async Task RunAsync_Issue8_SlowAssertionCountsInsideTheTimeout()
    {
        // A catastrophic pattern: without the timeout it runs until the regex's own 1s limit.
        var report = await SpecHarness.RunAsync("""
            version: 1
            name: x
            checks:
              - id: slow-match
                kind: command
                run: printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'
                timeout: 200ms
                expect: ['stdout matches /^(a+)+$/']
            """);

        var result = report.Result("slow-match");
        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message.ShouldBe("timed out after 200ms");
    }

    /// <summary>A port nothing listens on: bound once to learn a free number, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
