using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Greenlight.Dashboard;
using Greenlight.Engine;
using Greenlight.Reports;
using Greenlight.Store;
using Greenlight.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Dashboard;

/// <summary>Every page and API of <c>greenlight serve</c>, over a SQLite store filled by real runs.</summary>
public sealed class DashboardServerTests
{
    // api.flaky passes on even runs and fails on odd ones (a counter file beside the spec): a flaky check.
    internal const string Shop = """
        version: 1
        name: shop-api
        checks:
          - { id: env.keys, kind: env, require: [PATH] }
          - { id: db.ready, kind: command, run: "echo ok", area: DB }
          - { id: api.flaky, kind: command, run: "n=$(cat count 2>/dev/null || echo 0); echo $((n+1)) > count; test $((n % 2)) = 0", fix: Restart the worker. }
        """;

    internal const string Billing = """
        version: 1
        name: billing
        checks:
          - { id: ledger, kind: command, run: "true" }
          - { id: slow-report, kind: command, run: "exit 1", severity: medium }
        """;

    internal const string Auth = """
        version: 1
        name: auth
        checks:
          - { id: login, kind: command, run: "echo down >&2; exit 2", fix: Start the auth service. }
        """;

    internal static async Task<(DashboardSite Site, List<RunReport> Shop)> FilledAsync()
    {
        var site = await DashboardSite.SqliteAsync();
        var shop = new List<RunReport>();
        for (var i = 0; i < 4; i++)
        {
            shop.Add(await site.RecordAsync(Shop, i * 10));
        }

        await site.RecordAsync(Billing, 5);
        await site.RecordAsync(Auth, 6);
        return (site, shop);
    }

    [Fact]
    public async Task Home_EverySpec_LastVerdictWhenAndStripNewestFirst()
    {
        var (site, shop) = await FilledAsync();
        await using var _ = await site.ServeAsync();

        var (status, body, response) = await site.GetAsync("/");

        status.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        foreach (var spec in new[] { "shop-api", "billing", "auth" })
        {
            body.ShouldContain($"<a href=\"/specs/{spec}\">{spec}</a>");
        }

        shop.Select(r => r.Verdict).ShouldBe([Verdict.Go, Verdict.NoGo, Verdict.Go, Verdict.NoGo]);
        var row = body[body.IndexOf("/specs/shop-api", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        row.ShouldContain("✗ NO-GO");
        row.ShouldContain("2026-11-30 09:30:");
        var strip = row[row.IndexOf("<ol class=\"strip\"", StringComparison.Ordinal)..];
        strip.Split("<li>").Skip(1).Select(li => li.Contains("v-go", StringComparison.Ordinal) ? "GO" : "NO-GO").ShouldBe(["NO-GO", "GO", "NO-GO", "GO"]);
        strip.ShouldContain($"/runs/{shop[3].RunId}");
        body[body.IndexOf("/specs/billing", StringComparison.Ordinal)..].ShouldContain("! GO WITH WARNINGS");
    }

    [Fact]
    public async Task Home_EachEnvironmentOfASpec_ItsOwnRowVerdictAndStrip()
    {
        var (site, _) = await FilledAsync();
        var staging = await site.RecordInAsync(Billing, "staging", 40);
        var production = await site.RecordInAsync(Auth.Replace("echo down >&2; exit 2", "true", StringComparison.Ordinal), "production", 41);
        await using var _ = await site.ServeAsync();

        var body = (await site.GetAsync("/")).Body;

        string Row(string spec, string environment)
        {
            var rows = body.Split("<tr>").Where(r => r.Contains($"/specs/{spec}\"", StringComparison.Ordinal) && r.Contains($"<td>{environment}</td>", StringComparison.Ordinal)).ToList();
            rows.Count.ShouldBe(1, $"{spec} in {environment}");
            return rows[0];
        }

        body.ShouldContain("<th scope=\"col\">Environment</th>");
        Row("auth", "production").ShouldContain("✓ GO");
        Row("auth", "production").ShouldContain($"/runs/{production.RunId}");
        Row("auth", "<span class=\"sub\">none</span>").ShouldContain("✗ NO-GO"); // the run without --env keeps its own row
        Row("billing", "staging").ShouldContain($"/runs/{staging.RunId}");
        Row("billing", "staging").Split("<li>").Length.ShouldBe(2); // a strip of its one run, not the run without --env
        Row("billing", "staging").ShouldContain("<td>1</td></tr>");

        var spec = (await site.GetAsync("/specs/billing")).Body;
        spec.ShouldContain("<td>staging</td>");
        var run = (await site.GetAsync($"/runs/{staging.RunId}")).Body;
        run.ShouldContain("<dt>Environment</dt><dd>staging</dd>");
    }

    [Fact]
    public async Task RunPage_LinksBackToHomeAndItsSpec_TheFileDoesNot()
    {
        var (site, shop) = await FilledAsync();
        await using var _ = await site.ServeAsync();

        var page = (await site.GetAsync($"/runs/{shop[3].RunId}")).Body;

        page.ShouldContain("<nav class=\"back noprint\" aria-label=\"Dashboard\"><a href=\"/\">All releases</a> › <a href=\"/specs/shop-api\">shop-api</a></nav>");
        await using var file = new MemoryStream();
        await new Greenlight.Reports.Html.HtmlReportWriter().WriteAsync(shop[3], file, CancellationToken.None);
        System.Text.Encoding.UTF8.GetString(file.ToArray()).ShouldNotContain("aria-label=\"Dashboard\"");
    }

    [Fact]
    public async Task SpecPage_ChecksTrendFlakyAndRuns()
    {
        var (site, shop) = await FilledAsync();
        await using var _ = await site.ServeAsync();

        var (status, body, _) = await site.GetAsync("/specs/shop-api");

        status.ShouldBe(HttpStatusCode.OK);
        var flaky = body[body.IndexOf("id=\"flaky\"", StringComparison.Ordinal)..body.IndexOf("id=\"trends\"", StringComparison.Ordinal)];
        flaky.ShouldContain("api.flaky</a>: 3 flips");
        flaky.ShouldNotContain("db.ready");
        var trend = body[body.IndexOf("id=\"check-api.flaky\"", StringComparison.Ordinal)..];
        trend[..trend.IndexOf("</tr>", StringComparison.Ordinal)].ShouldContain("50 % <small>(2/4)</small>");
        body.ShouldContain("100 % <small>(4/4)</small>");
        foreach (var run in shop)
        {
            body.ShouldContain($"<a href=\"/runs/{run.RunId}\">{run.RunId[..12]}</a>");
        }

        (await site.GetAsync("/specs/no-such-spec")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SpecDetail_Trend_PassRateDurationsAndFlips()
    {
        var (site, _) = await FilledAsync();
        await using var __ = site;
        var dashboard = await DashboardStore.OpenAsync(site.StoreArgument, "greenlight.yaml", CancellationToken.None);

        var detail = (await dashboard.SpecAsync("shop-api", 30, CancellationToken.None))!;

        detail.Runs.Count.ShouldBe(4);
        var flaky = detail.Checks.Single(c => c.CheckId == "api.flaky");
        flaky.Points.Select(p => p.Outcome).ShouldBe([CheckOutcome.Pass, CheckOutcome.Fail, CheckOutcome.Pass, CheckOutcome.Fail]);
        (flaky.PassRate, flaky.Flips, flaky.Flaky).ShouldBe((0.5, 3, true));
        flaky.P95DurationMs.ShouldBe(flaky.Points.Max(p => p.DurationMs));
        detail.FlakyChecks.Select(c => c.CheckId).ShouldBe(["api.flaky"]);
        (await dashboard.SpecAsync("shop-api", 2, CancellationToken.None))!.Checks.Single(c => c.CheckId == "api.flaky").Runs.ShouldBe(2);
    }

    [Fact]
    public async Task ApiRun_IsTheReportContractByteForByte()
    {
        var (site, shop) = await FilledAsync();
        await using var _ = await site.ServeAsync();

        var (status, body, response) = await site.GetAsync($"/api/runs/{shop[1].RunId}");

        status.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var (stored, _, _) = await site.Writer.LoadAsync(shop[1].RunId, CancellationToken.None);
        await using var expected = new MemoryStream();
        await new JsonReportWriter().WriteAsync(stored, expected, CancellationToken.None);
        body.ShouldBe(Encoding.UTF8.GetString(expected.ToArray()));
        JsonNode.Parse(body)!["schema"]!.GetValue<string>().ShouldBe("greenlight.report/v1");
        var missing = await site.GetAsync("/api/runs/0123456789abcdef");
        missing.Status.ShouldBe(HttpStatusCode.NotFound);
        JsonNode.Parse(missing.Body)!["error"]!.GetValue<string>().ShouldBe("no run 0123456789abcdef is stored");
    }

    [Fact]
    public async Task ApiRuns_NewestFirstVersionedFilteredAndLimited()
    {
        var (site, shop) = await FilledAsync();
        await using var _ = await site.ServeAsync();

        var all = JsonNode.Parse((await site.GetAsync("/api/runs")).Body)!;
        var some = JsonNode.Parse((await site.GetAsync("/api/runs?spec=shop-api&limit=2")).Body)!;

        all["schema"]!.GetValue<string>().ShouldBe(DashboardJson.SchemaName);
        all["runs"]!.AsArray().Select(r => r!["spec"]!.GetValue<string>()).ShouldBe(["shop-api", "shop-api", "shop-api", "auth", "billing", "shop-api"]);
        some["runs"]!.AsArray().Select(r => r!["run_id"]!.GetValue<string>()).ShouldBe([shop[3].RunId, shop[2].RunId]);
        var newest = some["runs"]![0]!;
        (newest["verdict"]!.GetValue<string>(), newest["status"]!.GetValue<string>()).ShouldBe(("no_go", "finished"));
        (newest["counts"]!["pass"]!.GetValue<int>(), newest["counts"]!["fail"]!.GetValue<int>()).ShouldBe((2, 1));
        newest["context"]!["git_commit"]!.GetValue<string>().ShouldBe("3f2a1c0deadbeef");
    }

    [Fact]
    public async Task ApiHistory_OneCheckOfOneSpecNewestFirst()
    {
        var (site, shop) = await FilledAsync();
        await using var _ = await site.ServeAsync();

        var (status, body, _) = await site.GetAsync("/api/specs/shop-api/checks/api.flaky/history");

        status.ShouldBe(HttpStatusCode.OK);
        var json = JsonNode.Parse(body)!;
        (json["schema"]!.GetValue<string>(), json["spec"]!.GetValue<string>(), json["check"]!.GetValue<string>()).ShouldBe((DashboardJson.SchemaName, "shop-api", "api.flaky"));
        var history = json["history"]!.AsArray();
        history.Select(h => h!["outcome"]!.GetValue<string>()).ShouldBe(["fail", "pass", "fail", "pass"]);
        history.Select(h => h!["run_id"]!.GetValue<string>()).ShouldBe(shop.Select(r => r.RunId).Reverse());
        history[0]!["message"]!.GetValue<string>().ShouldContain("exit_code == 0: actual 1");
        JsonNode.Parse((await site.GetAsync("/api/specs/shop-api/checks/api.flaky/history?limit=1")).Body)!["history"]!.AsArray().Count.ShouldBe(1);
        (await site.GetAsync("/api/specs/billing/checks/api.flaky/history")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RunPage_IsTheHtmlReportComparedWithThePreviousRun()
    {
        var (site, shop) = await FilledAsync();
        await using var _ = await site.ServeAsync();

        var (status, body, response) = await site.GetAsync($"/runs/{shop[1].RunId}");

        status.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        body.ShouldContain("NO-GO");
        body.ShouldContain("api.flaky");
        body.ShouldContain("Restart the worker.");
        var (stored, _, _) = await site.Writer.LoadAsync(shop[1].RunId, CancellationToken.None);
        var review = await Greenlight.Reports.Html.ReleaseReviewBuilder.BuildAsync(stored, site.Writer, CancellationToken.None);
        body.ShouldBe(Greenlight.Reports.Html.HtmlReportWriter.Render(review with { Links = new("/", "/specs/shop-api") })); // the run page is the HTML report, compared with run 0, with links back
        review.Comparison.ShouldNotBeNull();
        (await site.GetAsync("/runs/nope")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Badge_SaysTheLastVerdictInTextAsSvg()
    {
        var (site, _) = await FilledAsync();
        await using var __ = await site.ServeAsync();

        var billing = await site.GetAsync("/badge/billing.svg");
        var shop = await site.GetAsync("/badge/shop-api.svg");
        var none = await site.GetAsync("/badge/unknown.svg");

        billing.Status.ShouldBe(HttpStatusCode.OK);
        billing.Response.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        billing.Body.ShouldContain("aria-label=\"greenlight: GO WITH WARNINGS\"");
        shop.Body.ShouldContain(">NO-GO</text>");
        none.Body.ShouldContain(">no runs</text>");
        System.Xml.Linq.XDocument.Parse(billing.Body).Root!.Name.LocalName.ShouldBe("svg");
        (await site.GetAsync("/badge/billing.png")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Healthz_200OnGo_WarningHeaderOnWarnings_503OnNoGo_404WhenUnknown()
    {
        var (site, _) = await FilledAsync();
        await site.RecordAsync("version: 1\nname: green\nchecks:\n  - { id: a, kind: command, run: \"true\" }\n", 50);
        await using var __ = await site.ServeAsync();

        var green = await site.GetAsync("/healthz/green");
        var billing = await site.GetAsync("/healthz/billing");
        var auth = await site.GetAsync("/healthz/auth");
        var unknown = await site.GetAsync("/healthz/unknown");

        green.Status.ShouldBe(HttpStatusCode.OK);
        green.Response.Headers.Contains(Health.WarningHeader).ShouldBeFalse();
        green.Body.ShouldStartWith("GO green run ");
        billing.Status.ShouldBe(HttpStatusCode.OK);
        billing.Response.Headers.GetValues(Health.WarningHeader).ShouldBe(["go with warnings"]);
        auth.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        auth.Body.ShouldStartWith("NO-GO auth run ");
        unknown.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public void HealthDecide_Hold_Is503()
    {
        var hold = new VerdictMark("r1", "watch", DashboardSite.Start, RunStatus.Finished, Verdict.Hold);

        var answer = Health.Decide("svc", hold);

        (answer.StatusCode, answer.Warning).ShouldBe((503, null));
        answer.Body.ShouldStartWith("HOLD svc run r1 (watch)");
        Health.Decide("svc", hold with { Verdict = null }).StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task Auth_BearerOrBasicFromTheEnvironment_ElseUnauthorized()
    {
        var token = "tok-" + Guid.NewGuid().ToString("N");
        var (site, shop) = await FilledAsync();
        await using var _ = await site.ServeAsync(DashboardAuth.FromEnvironment("GL_DASH_TOKEN", n => n == "GL_DASH_TOKEN" ? token : null));
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + token));

        var anonymous = await site.GetAsync("/");
        var wrong = await site.GetAsync("/healthz/auth", "Bearer not-" + token);

        anonymous.Status.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Response.Headers.WwwAuthenticate.ToString().ShouldContain("Basic realm=\"greenlight\"");
        wrong.Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await site.GetAsync("/badge/auth.svg")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        foreach (var path in new[] { "/", "/specs/shop-api", $"/runs/{shop[0].RunId}", "/api/runs", $"/api/runs/{shop[0].RunId}" })
        {
            var bearer = await site.GetAsync(path, "Bearer " + token);
            bearer.Status.ShouldBe(HttpStatusCode.OK, path);
            bearer.Body.ShouldNotContain(token);
            (await site.GetAsync(path, basic)).Status.ShouldBe(HttpStatusCode.OK, path);
        }
    }

    [Fact]
    public void Auth_UserPasswordValue_AcceptsExactlyThatPair()
    {
        var auth = DashboardAuth.FromEnvironment("X", _ => "ops:pw-1");
        string Basic(string pair) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair));

        auth.Allows(Basic("ops:pw-1")).ShouldBeTrue();
        auth.Allows(Basic("dev:pw-1")).ShouldBeFalse();
        auth.Allows("Bearer ops:pw-1").ShouldBeTrue();
        auth.Allows("Basic !!notbase64").ShouldBeFalse();
        auth.Allows(null).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => DashboardAuth.FromEnvironment("GL_UNSET", _ => null)).Message.ShouldContain("the environment variable GL_UNSET is not set or empty");
    }

    [Fact]
    public async Task Serve_NeverWritesTheStore()
    {
        var (site, shop) = await FilledAsync();
        SqliteConnection.ClearAllPools(); // the writer checkpoints and lets go of the file
        var path = ((SqliteDialect)site.Writable).Path;
        var before = SHA256.HashData(await File.ReadAllBytesAsync(path));
        await using var _ = await site.ServeAsync();

        foreach (var page in new[] { "/", "/specs/shop-api", $"/runs/{shop[0].RunId}", "/api/runs", "/api/specs/shop-api/checks/db.ready/history", "/badge/shop-api.svg", "/healthz/shop-api" })
        {
            (await site.GetAsync(page)).Status.ShouldNotBe(HttpStatusCode.InternalServerError, page);
        }

        await using var connection = await site.Dashboard!.Store.ConnectAsync(CancellationToken.None);
        await using var write = Sql.Command(connection, "DELETE FROM gl_runs");
        (await Should.ThrowAsync<SqliteException>(() => write.ExecuteNonQueryAsync())).Message.ShouldContain("readonly");
        SqliteConnection.ClearAllPools();
        SHA256.HashData(await File.ReadAllBytesAsync(path)).ShouldBe(before);
    }

    [Fact]
    public async Task SpecHomeAndRunPages_Reused_UntilANewRunIsRecorded()
    {
        var (site, shop) = await FilledAsync();
        await using var _ = await site.ServeAsync();
        var spec = (await site.GetAsync("/specs/shop-api")).Body;
        var home = (await site.GetAsync("/")).Body;
        var run = (await site.GetAsync($"/runs/{shop[^1].RunId}")).Body;
        (await site.GetAsync("/specs/shop-api")).Body.ShouldBe(spec);
        (await site.GetAsync("/")).Body.ShouldBe(home);
        (await site.GetAsync($"/runs/{shop[^1].RunId}")).Body.ShouldBe(run);

        var added = await site.RecordAsync(Shop, 45);

        var after = (await site.GetAsync("/specs/shop-api")).Body;
        after.ShouldContain($"<a href=\"/runs/{added.RunId}\">{added.RunId[..12]}</a>");
        after.ShouldContain("60 % <small>(3/5)</small>"); // api.flaky passed on the fifth run: the trend was rebuilt
        (await site.GetAsync("/")).Body.ShouldContain(added.RunId[..12]);
        (await site.GetAsync($"/runs/{added.RunId}")).Status.ShouldBe(HttpStatusCode.OK);
        (await site.GetAsync($"/runs/{shop[^1].RunId}")).Body.ShouldBe(run);
    }

    [Fact]
    public void PageCache_SameStampHit_OtherStampMiss_FullStartsOver()
    {
        var cache = new PageCache<string>(2);
        cache.Put("a", "1|r1", "page a");
        cache.Get("a", "1|r1").ShouldBe("page a");
        cache.Get("a", "2|r2").ShouldBeNull();
        cache.Put("b", "1|r1", "page b");
        cache.Put("c", "1|r1", "page c");
        cache.Get("a", "1|r1").ShouldBeNull();
        cache.Get("c", "1|r1").ShouldBe("page c");
    }

    [Fact]
    public async Task Serve_SeesRunsRecordedWhileItServes()
    {
        var (site, _) = await FilledAsync();
        await using var __ = await site.ServeAsync();
        (await site.GetAsync("/healthz/late")).Status.ShouldBe(HttpStatusCode.NotFound);

        await site.RecordAsync("version: 1\nname: late\nchecks:\n  - { id: a, kind: command, run: \"true\" }\n", 60);

        (await site.GetAsync("/healthz/late")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Pages_NeverShowASecret()
    {
        var secret = "sk-live-" + Guid.NewGuid().ToString("N");
        await using var site = await DashboardSite.SqliteAsync();
        var run = await site.RecordAsync("""
            version: 1
            name: leaky
            checks:
              - id: echo
                kind: command
                run: echo "token ${API_TOKEN}"; exit 1
              - { id: env, kind: env, require: [API_TOKEN], match: { API_TOKEN: '^nope' } }
            """, 0, new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH")!, ["API_TOKEN"] = secret });
        await site.ServeAsync();

        foreach (var page in new[] { "/", "/specs/leaky", $"/runs/{run.RunId}", "/api/runs", $"/api/runs/{run.RunId}", "/api/specs/leaky/checks/echo/history" })
        {
            var (status, body, _) = await site.GetAsync(page);
            status.ShouldBe(HttpStatusCode.OK, page);
            body.ShouldNotContain(secret, customMessage: page);
        }

        (await site.GetAsync($"/runs/{run.RunId}")).Body.ShouldContain("token ");
    }

    [Fact]
    public async Task Open_MissingOrForeignStore_IsAPreciseError()
    {
        using var dir = new TempDirectory();
        var missing = Path.Combine(dir.Path, "none.db");
        (await Should.ThrowAsync<StoreException>(() => DashboardStore.OpenAsync(missing, "greenlight.yaml", CancellationToken.None)))
            .Message.ShouldBe($"no runs are recorded yet: {missing} does not exist (run greenlight check first, or give --store)");
        var foreign = Path.Combine(dir.Path, "other.db");
        await using (var c = new SqliteConnection($"Data Source={foreign}"))
        {
            await c.OpenAsync();
            await using var create = Sql.Command(c, "CREATE TABLE t (x INTEGER)");
            await create.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        (await Should.ThrowAsync<StoreException>(() => DashboardStore.OpenAsync(foreign, "greenlight.yaml", CancellationToken.None)))
            .Message.ShouldContain("is not a greenlight store");
    }
}
