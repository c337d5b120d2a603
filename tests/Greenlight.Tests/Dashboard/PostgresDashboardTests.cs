using System.Net;
using System.Text.Json.Nodes;
using Greenlight.Store;
using Greenlight.Tests.Fixtures;
using Npgsql;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Dashboard;

/// <summary>The dashboard over a PostgreSQL store filled by real runs, on read-only sessions.</summary>
[Collection("postgres")]
public sealed class PostgresDashboardTests(PostgresServer postgres)
{
    [Fact]
    public async Task Serve_PostgresStore_HomeApiHistoryHealthAndRunPage()
    {
        await using var site = await DashboardSite.PostgresAsync(postgres, await postgres.CreateDatabaseAsync());
        var shop = new List<Greenlight.Engine.RunReport>();
        for (var i = 0; i < 3; i++)
        {
            shop.Add(await site.RecordAsync(DashboardServerTests.Shop, i * 10));
        }

        await site.RecordAsync(DashboardServerTests.Billing, 40);
        await site.ServeAsync();

        var home = await site.GetAsync("/");
        home.Status.ShouldBe(HttpStatusCode.OK);
        home.Body.ShouldContain("<a href=\"/specs/shop-api\">shop-api</a>");
        home.Body.ShouldContain("<a href=\"/specs/billing\">billing</a>");
        JsonNode.Parse((await site.GetAsync("/api/runs?spec=shop-api")).Body)!["runs"]!.AsArray().Count.ShouldBe(3);
        JsonNode.Parse((await site.GetAsync("/api/specs/shop-api/checks/api.flaky/history")).Body)!["history"]!.AsArray()
            .Select(h => h!["outcome"]!.GetValue<string>()).ShouldBe(["pass", "fail", "pass"]);
        (await site.GetAsync("/healthz/shop-api")).Status.ShouldBe(HttpStatusCode.OK);
        (await site.GetAsync("/healthz/billing")).Response.Headers.Contains(Greenlight.Dashboard.Health.WarningHeader).ShouldBeTrue();
        (await site.GetAsync($"/runs/{shop[1].RunId}")).Body.ShouldContain("Restart the worker.");
        (await site.GetAsync("/specs/shop-api")).Body.ShouldContain("api.flaky</a>: 2 flips");
    }

    [Fact]
    public async Task Serve_PostgresStore_SessionsAreReadOnly()
    {
        await using var site = await DashboardSite.PostgresAsync(postgres, await postgres.CreateDatabaseAsync());
        await site.RecordAsync(DashboardServerTests.Billing, 0);
        await site.ServeAsync();

        await using var connection = await site.Dashboard!.Store.ConnectAsync(CancellationToken.None);
        await using var write = Sql.Command(connection, "DELETE FROM gl_runs");

        (await Should.ThrowAsync<PostgresException>(() => write.ExecuteNonQueryAsync())).SqlState.ShouldBe("25006"); // read_only_sql_transaction
    }
}
